def f(a, b):
    def g():
        return a
    return g
