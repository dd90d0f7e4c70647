print(min(3, 1, 2), max(3, 1, 2), min([5, 4]), max("abc"), min("b", "a", "c"))
print(max([], default="empty"), min([], default=None), max([1, 2], default=0))
print(max(["apple", "fig", "banana"], key=len), min(["apple", "fig", "banana"], key=len))
print(max([(1, "b"), (1, "a")]), max([3, 1, 3], key=lambda v: -v))
print(max([1, 3, 3.0], key=float), min([2, 2.0]), max(2.0, 2))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([[1], [2]], []), sum([0.1] * 10), sum(range(101)), sum([]))
print(sum([1.5, 2.5], start=1))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
try:
    min(1)
except TypeError as e:
    print("TypeError:", e)
