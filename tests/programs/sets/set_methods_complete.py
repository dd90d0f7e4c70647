s = {1, 2, 3}
print(s.union({4}), s.intersection({2, 3, 9}), s.difference({1}), s.symmetric_difference({3, 4}))
print(s.union([5], (6,), range(7, 8)), s.intersection([1, 2], {2}), s.difference([1], [2]))
t = s.copy()
t.difference_update({1})
print(t)
t.symmetric_difference_update({2, 5})
print(t)
t.intersection_update([3, 5, 7])
print(t)
print(s.isdisjoint([4, 5]), s.issubset([1, 2, 3, 4]), s.issuperset((1,)), s <= s, s < s)
e = set()
try:
    e.pop()
except KeyError as err:
    print("KeyError:", err)
s.clear()
print(s, len(s), set() == s)
try:
    {1} < [1]
except TypeError as err:
    print("TypeError:", err)
