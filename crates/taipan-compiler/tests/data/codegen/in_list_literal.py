r = a in [1, 2, 3]
s = a in [b, c]
t = a not in {1, 2}
