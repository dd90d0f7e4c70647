data = [("ann", (30, "nyc")), ("bob", (25, "sf"))]
for name, (age, city) in data:
    print(name, age, city)
(a, (b, (c, d))) = 1, (2, (3, 4))
print(a, b, c, d)
[x, [y, *z]] = [0, [1, 2, 3]]
print(x, y, z)
first, (second, *others), last = "a", "bcd", "e"
print(first, second, others, last)
pairs = {"k1": (1, 2), "k2": (3, 4)}
print([(k, l + r) for k, (l, r) in pairs.items()])
m, n = divmod(17, 5)
print(m, n)
(i, j), = [(7, 8)]
print(i, j)
s1, s2, s3 = {"only": 1, "two": 2, "three": 3}
print(s1, s2, s3)
