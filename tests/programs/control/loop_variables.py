for i in range(3):
    pass
print(i)
for i in range(0):
    pass
print(i)
l = [1, 2, 3]
for x in l:
    if x == 2:
        l.append(4) if len(l) < 5 else None
print(l)
for a, b in zip(range(3), "xyz"):
    print(a, b, end="; ")
print()
for k in {"a": 1, "b": 2}:
    print(k, end=" ")
print()
print(list(range(10, 0, -3)), list(range(0)), list(range(-3)), len(range(0, 100, 7)), range(10)[-1], range(0, 10, 2)[1:3])
print(5 in range(10), 5 in range(0, 10, 2), range(3) == range(0, 3), reversed(range(3)).__class__.__name__)
