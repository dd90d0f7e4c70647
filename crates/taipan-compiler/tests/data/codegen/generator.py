def g():
    yield 1
    yield
