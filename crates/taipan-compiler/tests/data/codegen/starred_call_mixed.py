f(a, *b, c, *d, k=1, **e)
