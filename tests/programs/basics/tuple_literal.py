t = (1, "a")
print(t, t[1], len(t))
