def f(a, b):
    if a and b:
        g()
