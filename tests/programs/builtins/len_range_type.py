print(len([1, 2]), len("abc"), len({}), len(range(10)), len(range(5, 0, -2)), len(b"xy"), len({1, 2, 2}))
print(range(10), range(1, 5), range(0, 10, 3), list(range(5, 0, -1)), range(3)[1], range(10)[2:8:2])
print(type(1), type("s"), type([]), type(None), type(type), type(len), type(range(1)))
print(type(1) is int, type(True) is bool, type(1.0) == float)
print(isinstance(1, (str, int)), isinstance("s", str), isinstance([], (tuple,)), isinstance(None, type(None)))
print(issubclass(bool, (int, str)), issubclass(int, object), issubclass(str, int))
r = range(0, 20, 5)
print(r.start, r.stop, r.step, 15 in r, 16 in r, r.index(10), r.count(5), list(reversed(r)))
try:
    range(0, 10, 0)
except ValueError as e:
    print("ValueError:", e)
