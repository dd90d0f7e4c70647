l = []
l.append(1)
l.append(2)
print(l)
