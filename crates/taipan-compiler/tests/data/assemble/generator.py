def f(n):
    yield n
    yield 2
