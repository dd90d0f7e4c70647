for x in y:
    f(x)
else:
    g()
