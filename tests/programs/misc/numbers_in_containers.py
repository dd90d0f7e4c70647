vals = [3, 1.5, True, -2, 0.0]
print(sorted(vals), sum(vals), max(vals), min(vals))
print([type(v).__name__ for v in sorted(vals)])
print(1 in [1.0], 1.0 in {1}, True in {1: "x"}, 0 in [False])
print([1, 2.0, True].index(1), [0.0, 0].count(0))
print({1: "a"}[1.0], {1.0: "b"}[True])
