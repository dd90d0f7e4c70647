print(sum([]), sum([], 5), sum(range(10), -45), sum([1.5, 2.5]), sum([True] * 5), sum([[1], [2]], start=[0]))
print(sum(x / 10 for x in range(11)), sum([1e100, 1, -1e100]), sum([0.1, 0.2, 0.3]))
print(any([]), all([]), any([0, None, ""]), all(["a", 1, [0]]), any(iter([0, 0, 1])), all(x for x in [1, 0, 2]))
try:
    sum([1, "a"])
except TypeError as e:
    print("TypeError:", e)
try:
    sum([b"a"], b"")
except TypeError as e:
    print("TypeError:", e)
print(sum([2 ** 64, 2 ** 64]), sum(range(10 ** 5)), sum(i * 0.5 for i in range(4)))
