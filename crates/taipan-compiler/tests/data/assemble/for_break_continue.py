def f(xs):
    for x in xs:
        if x:
            continue
        if g(x):
            break
    else:
        return 1
    return 2
