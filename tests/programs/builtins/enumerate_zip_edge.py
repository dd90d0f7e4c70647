print(list(enumerate([])), list(enumerate("a", -1)), list(enumerate(range(3), 10 ** 20)))
e = enumerate(x * x for x in range(3))
print(next(e), list(e))
print(list(zip("ab", "cd", "ef")), list(zip([1, 2, 3])), list(zip(*[])))
print([(i, c) for i, c in enumerate(zip("xy", "zw"))])
print(dict(enumerate("abc")), list(map(tuple, zip(range(2), range(2)))))
try:
    list(zip([1], [2, 3], strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip([1, 2, 3], [2, 3], [4], strict=True))
except ValueError as e:
    print("ValueError:", e)
