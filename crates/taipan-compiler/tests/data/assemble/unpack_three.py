def f(a, b, c):
    a, b, c = c, b, a
