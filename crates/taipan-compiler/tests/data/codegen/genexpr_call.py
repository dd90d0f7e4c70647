r = sum(x for x in y)
