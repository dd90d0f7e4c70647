def f(x):
    if x:
        try:
            try:
                a()
            except E:
                b()
        except F:
            pass
    else:
        c()
