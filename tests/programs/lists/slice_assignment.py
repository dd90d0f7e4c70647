l = list(range(10))
l[2:5] = ["a", "b"]; print(l)
l[:0] = [-1]; print(l)
l[len(l):] = [99, 100]; print(l)
l[::2] = "x" * len(l[::2]); print(l)
del l[1]; print(l)
del l[::3]; print(l)
del l[-2:]; print(l)
l[1:3] = []; print(l)
l[:] = range(3); print(l)
try:
    l[::2] = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
a = [1, 2, 3]
a[1:2] = a; print(a)
