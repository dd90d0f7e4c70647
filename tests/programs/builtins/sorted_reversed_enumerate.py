data = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(data), sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: (t[1], t[0]), reverse=True))
for i, (name, n) in enumerate(sorted(data), 1):
    print(i, name, n)
print(list(reversed(sorted(data))))
print(sorted([1, 2, 3], key=None), sorted([], reverse=True))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([1], key=1)
except TypeError as e:
    print("TypeError:", e)
