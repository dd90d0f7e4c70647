t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], len(t), t + (4,), t * 2, 2 in t)
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"))
print(t.index(2), t.count(3), (1, 2) == (1, 2), (1, 2) < (1, 2, 3), (2,) > (1, 9))
a, b, c = t
print(a, b, c)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0])
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "pair"}[(1, 2)])
x = 1, 2
print(type(x).__name__, x)
