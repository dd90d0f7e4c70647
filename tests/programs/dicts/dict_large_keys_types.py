d = {}
keys = [0, -1, 2 ** 70, 1.5, "s", b"b", (1, 2), frozenset([1]), None, True, ("nested", (1,))]
for i, k in enumerate(keys):
    d[k] = i
print(len(d), d[True], d[1], d[2 ** 70], d[(1, 2)], d[None])
print(list(d.values()))
print(list(d)[:4])
del d[2 ** 70]
d[float(2 ** 70)] = "float key"
print(d[2 ** 70])
