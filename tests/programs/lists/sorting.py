l = [5, 2, 9, 1, 5, 6]
print(sorted(l), sorted(l, reverse=True), l)
l.sort(); print(l)
words = ["banana", "pie", "Apple", "cherry", "fig", "date"]
print(sorted(words), sorted(words, key=len), sorted(words, key=len, reverse=True), sorted(words, key=str.lower))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: -p[0]))
recs = [("x", 3), ("y", 1), ("z", 3), ("w", 1), ("v", 2)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted([3.5, -1, 2, True, 0.0]))
print(sorted("hello"), sorted((3, 1, 2)), sorted({3: "a", 1: "b"}))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
