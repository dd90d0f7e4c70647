def f():
    try:
        a()
    finally:
        b()
