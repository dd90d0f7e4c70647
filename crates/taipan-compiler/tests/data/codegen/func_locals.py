def f(a):
    b = a
    c = b + 1
    del b
    return c
