def f():
    def g():
        pass
    return g
