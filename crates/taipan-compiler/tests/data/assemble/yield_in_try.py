def f():
    try:
        yield 1
    finally:
        g()
