def f(x):
    if x is None:
        return 1
    return 2
