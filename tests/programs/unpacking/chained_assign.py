a = b = c = []
a.append(1)
print(a, b, c, a is c)
x = y = 5
x += 1
print(x, y)
l = [0, 0, 0]
i = 0
i, l[i] = 1, 9
print(i, l)
d = {}
d["a"] = d["b"] = 1
print(d)
t = u, v = 1, 2
print(t, u, v)
