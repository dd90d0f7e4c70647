for x in y:
    f(x)
