l = [1, 2, 3, 2, 1]
print(l.index(2), l.index(2, 2), l.index(1, 1, 5), l.count(1))
try:
    l.index(2, 4)
except ValueError as e:
    print("ValueError:", e)
l.extend(range(3)); print(l)
l.extend("ab"); print(l)
l += (9,); print(l)
l[len(l):] = [0]; print(l)
print(l.pop(3), l.pop(-1), l)
l.insert(-100, "first"); print(l)
print([] == [], [0] * 0, [None] * 3, list(reversed([])))
a = [3, 1, 2]
print(sorted(a) is a, a.sort() is None, a)
nested = [[3, 1], [2], [1, 5]]
nested.sort()
print(nested, max(nested), min(nested, key=len))
