l = [1, 2, 3]
print(l, l[0], l[-1], len(l))
