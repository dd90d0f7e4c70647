l = [1, 2, 3]
l.remove(4)
