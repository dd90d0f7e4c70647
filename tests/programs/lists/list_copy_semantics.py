a = [[1, 2], [3]]
b = a[:]
c = list(a)
d = a.copy()
a[0].append(99)
a.append("new")
print(a, b, c, d)
print(b[0] is a[0], b is a)
m = [[0] * 2 for _ in range(2)]
n = [row[:] for row in m]
m[0][0] = 7
print(m, n)
e = a * 2
a[0].append("shared")
print(e[0] is e[3], e[0])
t = ([1],)
t[0].append(2)
print(t)
try:
    t[0] += [3]
except TypeError as e:
    print("TypeError:", e)
print(t)
