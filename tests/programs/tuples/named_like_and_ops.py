point = (3, 4)
x, y = point
print(x, y, point[0] ** 2 + point[1] ** 2)
records = [("alice", 30), ("bob", 25), ("carol", 35)]
for name, age in sorted(records, key=lambda r: r[1]):
    print(f"{name:<6}{age:>3}")
print(max(records, key=lambda r: r[1])[0], sum(a for _, a in records))
t = tuple(range(5))
print(t[1:3], t[::-1], t[-1], t * 0, (1, 2) + (3,), t.count(3), 3 in t)
print(tuple(x * x for x in t), tuple(reversed(t)), tuple(sorted((3, 1, 2))))
print((1, (2, 3)) == (1, (2, 3)), (1, 2) != (1, 2.0), () < (0,), (1, "a") < (1, "b"))
a = (1,)
b = a * 3
print(b, len(b), (1, 2, 3)[::2])
print(divmod(7, 2) + (0,), tuple({3: 0, 1: 0}), tuple("xy"))
