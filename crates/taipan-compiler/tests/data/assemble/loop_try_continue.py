def f(xs):
    for x in xs:
        try:
            g(x)
        except E:
            continue
        h()
