f = frozenset([1, 2, 3])
print(f, f | {4}, type(f | {4}).__name__, type({4} | f).__name__)
d = {f: "frozen"}
print(d[frozenset({3, 2, 1})])
s = {1, 2}
s |= {3}; s &= {2, 3, 4}; s -= {9}; s ^= {5}
print(s)
print({1, 2} == frozenset({1, 2}), {1} != {1.0})
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print(set([(1, 2), (1, 2), (2, 1)]) == {(1, 2), (2, 1)})
print(len({0, 0.0, False}), len({1, 1.0, True, "1"}))
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
