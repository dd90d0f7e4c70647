x = None
print(x, x is None)
