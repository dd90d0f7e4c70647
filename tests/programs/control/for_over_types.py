for c in "ab":
    print("str", c)
for t in (1, 2):
    print("tuple", t)
for k in {"x": 1, "y": 2}:
    print("dict key", k)
for k, v in {"x": 1}.items():
    print("item", k, v)
for v in {3, 1, 2}:
    print("set", v)
for b in b"AB":
    print("bytes", b)
for i in range(3, 0, -1):
    print("range", i)
for i, c in enumerate("xy", 1):
    print("enum", i, c)
for a, b in zip([1, 2], "pq"):
    print("zip", a, b)
for line in "l1\nl2".splitlines():
    print("line", line)
for x in reversed([1, 2, 3]):
    print("rev", x)
for x in map(str.upper, ["m"]):
    print("map", x)
for (a, b), c in [((1, 2), 3)]:
    print("nested", a, b, c)
