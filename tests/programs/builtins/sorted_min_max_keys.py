people = [("ann", 31, 5.5), ("bob", 25, 6.1), ("cy", 31, 5.9), ("dee", 22, 5.5)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (p[1], -p[2])))
print(sorted(people, key=lambda p: p[2], reverse=True))
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: (p[2], p[0])))
print(sorted(["b", "A", "c", "B"]), sorted(["b", "A", "c", "B"], key=str.lower), sorted(["b", "A", "c", "B"], key=str.lower, reverse=True))
print(sorted([[2, 1], [1, 2], [1]]), sorted([(1, "b"), (1, "a")], key=lambda t: t[0]))
print(max([1, 5, 5, 2], key=lambda v: v), max(["aa", "b", "cc"], key=len), min(["aa", "b", "cc", "d"], key=len))
print(sorted(range(10), key=lambda v: v % 3), sorted({"x": 2, "y": 1}, key={"x": 2, "y": 1}.get))
