# Set iteration orders: literals, set(), algebra results, pop() and in-place operators
# must show CPython's table orders (int hashes are seed-independent).
print({3, 1, 2})
print(set(range(20, 0, -3)))
s = set(range(100)); print(s.pop(), s.pop())
a = {1, 2, 3, 40, 17, 33}; b = {3, 40, 99, 65, 1000}
print(a | b, a & b, a - b, a ^ b, b - a, b ^ a)
c = set(); print(c, frozenset(), frozenset({1}), repr(frozenset([3,2])))
c.add(c and 1 or 5); print(c)
d = {1, 2}; d |= {9, 8}; d &= {9, 1, 2}; d -= {1}; d ^= {7, 2}; print(d)
print({1,2} <= {1,2,3}, {1,2} < {1,2}, {1,2} == frozenset([2,1]), {1} != {2}, {1,2,3} >= {1}, {1} > set())
print({frozenset([1])} , {1,2}.isdisjoint([3]), {1,2}.issubset([1,2,3]), {1,2}.issuperset([2]))
s = {1, 2}
try:
    s.remove(5)
except KeyError as e: print(repr(e))
try:
    set().pop()
except KeyError as e: print(repr(e))
try:
    for x in s: s.add(x + 10)
except RuntimeError as e: print(e)
print({frozenset([1])} & {frozenset([1])}, set([1]) in {frozenset([1])})
class E:
    def __init__(s, v): s.v = v
    def __hash__(s): return 1
    def __eq__(s, o): return isinstance(o, E) and s.v == o.v
    def __repr__(s): return f"E{s.v}"
print({E(1), E(2), E(1)}, {E(1), E(3)} & {E(3)}, {E(1), E(3)} - {E(3)})
print(set("abcdefg") == set("gfedcba"), sorted(set("hello")))
print(set(range(1000)) - set(range(5, 1000)), {1,2,3}.symmetric_difference_update({3, 4}))
class S(set): pass
print(S([1, 2]), S() | {1}, type(S() | {1}))
