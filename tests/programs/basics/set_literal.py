s = {3, 1, 2}
print(s, 2 in s, len(s))
