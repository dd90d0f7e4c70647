def f(y):
    r = [(z := x) for x in y]
    return z
