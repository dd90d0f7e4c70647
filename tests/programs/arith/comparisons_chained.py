x = 5
print(1 < x < 10, 1 < x > 10, 1 < 2 < 3 < 4, 1 < 3 < 2, 3 > 2 > 1)
print(1 == 1 == 1, 1 == 1 != 2, 1 != 2 != 1)
print(0 <= x <= 5, 0 <= x < 5)
calls = []
def f(v):
    calls.append(v)
    return v
print(f(1) < f(2) < f(0) < f(3))
print(calls)
print((1 < 2) is not None, None is None is None)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), [1, 2] == [1, 2], "abc" < "abd", "a" < "B")
print(1 in [1, 2] in [[1, 2]], 3 not in [1, 2])
