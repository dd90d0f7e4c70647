print(list(enumerate("abc")), list(enumerate("ab", start=5)), list(enumerate([], 1)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(map(abs, [-1, 2])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x > 1, [1, 2, 3])))
print(list(reversed([1, 2, 3])), list(reversed("ab")), list(reversed(range(4))))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
print(sorted([3, 1, 2]), sorted("bca", reverse=True), sorted({"b": 1, "a": 2}.items()))
print(any(x > 2 for x in [1, 2, 3]), all([]), any([]), all([1, [], 2]))
calls = []
def sentinel_source():
    calls.append(1)
    return len(calls)
print(list(iter(sentinel_source, 4)))
e = enumerate("xyz")
print(next(e), list(e))
