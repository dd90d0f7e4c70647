r = [z for x in y for z in [f(x)]]
