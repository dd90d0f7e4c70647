def f():
    try:
        return a()
    finally:
        b()
