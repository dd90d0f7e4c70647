r = [x + z for x in y for z in w]
