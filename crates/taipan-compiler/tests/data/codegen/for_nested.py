for a in b:
    for c in d:
        f(a, c)
