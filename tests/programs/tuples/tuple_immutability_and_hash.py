t = (1, [2, 3], "s")
try:
    t[1] = 0
except TypeError as e:
    print("TypeError:", e)
t[1].append(4)
print(t)
try:
    hash(t)
except TypeError as e:
    print("TypeError:", e)
u = (1, (2, 3), frozenset({4}))
print(hash(u) == hash((1, (2, 3), frozenset({4}))), {u: "ok"}[(1, (2, 3), frozenset({4}))])
try:
    del t[0]
except TypeError as e:
    print("TypeError:", e)
try:
    t.append(1)
except AttributeError as e:
    print("AttributeError:", e)
print(tuple(t) is t, t[:] is t, (1, 2) + () == (1, 2))
