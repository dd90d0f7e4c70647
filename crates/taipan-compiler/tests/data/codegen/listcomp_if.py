r = [x for x in y if x if x > 1]
