def g():
    try:
        yield 1
    finally:
        f()
