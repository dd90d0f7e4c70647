# Set algebra and membership over pure keys (ints, floats, strs) and keys
# whose __eq__ runs Python code: equal-hash collisions, __eq__ raising,
# __eq__ mutating a set during an operation, in-place updates.


class Key:
    calls = 0

    def __init__(self, v, h=None):
        self.v = v
        self.h = v if h is None else h

    def __hash__(self):
        return hash(self.h)

    def __eq__(self, other):
        Key.calls += 1
        if isinstance(other, Key):
            return self.v == other.v
        return self.v == other

    def __repr__(self):
        return f"K{self.v}"


a = set(range(0, 40, 2)) | {"x", "y", 1.5}
b = set(range(0, 40, 3)) | {"y", "z", 2.5}
print(sorted(map(repr, a | b)), sorted(map(repr, a & b)), sorted(map(repr, a - b)), sorted(map(repr, a ^ b)))
print(len(a | b), len(a & b), len(a - b), len(a ^ b), 6 in a, 6.0 in a, "x" in b)

c = {Key(1), Key(2), 3, 4}
d = {1, 2, 3, Key(5)}
print(sorted(map(repr, c | d)), sorted(map(repr, c & d)), sorted(map(repr, c - d)), sorted(map(repr, c ^ d)))
print(Key(2) in d, 2 in c, Key(9) in c, Key.calls > 0)
e = set(range(10))
e |= c
print(sorted(map(repr, e)))
e &= {Key(1), 2, 3}
print(sorted(map(repr, e)))


class Raises:
    def __hash__(self):
        return 7

    def __eq__(self, other):
        raise ValueError("no comparing")


s = {Raises(), 8}
for expr in ("7 in s", "{7} & s", "s - {7}", "s ^ {7}", "s | {7}", "8 in s"):
    try:
        r = eval(expr)
        print(expr, r if isinstance(r, bool) else len(r))
    except ValueError as err:
        print(expr, "ValueError", err)

victim = set(range(20))


class Mutator:
    def __hash__(self):
        return 3

    def __eq__(self, other):
        victim.discard(19)
        return False


victim.add(Mutator())
r = victim | {3, 100}
print(len(r), 19 in victim, len(victim))
t = set(range(100))
t.add("s")
t.add(2.5)
u = {x for x in range(50, 150)}
u.add("s")
print(len(t & u), len(t - u), len(t ^ u), len(t | u))
t -= u
print(len(t), min(x for x in t if isinstance(x, int)))
print(frozenset({1, 2}) | {3}, type({1} | frozenset({2})).__name__, type(frozenset({1}) & {1}).__name__)
