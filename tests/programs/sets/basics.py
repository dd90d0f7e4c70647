s = {3, 1, 2}
print(s, len(s), 1 in s, 5 in s)
s.add(4); s.add(1); print(s)
s.discard(10); s.remove(3); print(s)
try:
    s.remove(10)
except KeyError as e:
    print("KeyError:", e)
print(set(), set([1, 1, 2]), set("aab") == {"a", "b"}, frozenset([3, 2]))
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < {1, 2}, a >= {1}, a.isdisjoint({9}), a.issubset(range(10)), a.issuperset([1]))
c = a.copy(); c.update([7, 8]); c.intersection_update(range(5, 10)); print(c)
print(s.pop() in {1, 2, 4}, len(s))
print({x % 5 for x in range(20)})
print(sorted({"pear", "apple", "fig"}))
print({-1, -5, 0, 7, 100, 3})
print(set(range(20, 0, -3)))
