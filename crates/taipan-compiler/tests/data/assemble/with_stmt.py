def f(p):
    with open(p) as fh:
        return fh.read()
