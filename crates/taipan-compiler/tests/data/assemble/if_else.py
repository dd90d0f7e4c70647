def f(x):
    if x:
        a()
    else:
        b()
