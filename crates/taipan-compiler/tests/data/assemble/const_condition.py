def f():
    if 0:
        a()
    x = 1 if True else 2
    return x
