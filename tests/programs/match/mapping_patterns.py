# Mapping patterns: keys, **rest, which subjects are mappings, how values
# are looked up (through .get, never creating keys).
import collections
import collections.abc
import types


def mp(x):
    match x:
        case {}:  # matches any mapping
            pass
    match x:
        case {"type": "point", "x": px, "y": py}:
            return f"point {px} {py}"
        case {"type": "circle", "r": r, **rest}:
            return f"circle r={r} rest={rest}"
        case {1: one, 2: two}:
            return f"ints {one} {two}"
        case {"k": [a, *b]}:
            return f"k seq {a} {b}"
        case {**everything} if len(everything) > 3:
            return f"big {sorted(everything.items())}"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"


subjects = [
    {"type": "point", "x": 1, "y": 2},
    {"type": "point", "x": 1},
    {"type": "circle", "r": 5},
    {"type": "circle", "r": 5, "color": "red", "z": 0},
    {1: "a", 2: "b", 3: "c"},
    {1.0: "float key", 2: "b"},
    {True: "bool key", 2: "b"},
    {"k": [1, 2, 3]},
    {"k": "str"},
    {"a": 1, "b": 2, "c": 3, "d": 4},
    {},
    [("type", "point")],
    "type",
    None,
    types.MappingProxyType({"type": "point", "x": 0, "y": 0}),
    collections.OrderedDict(type="circle", r=1, extra=2),
    collections.Counter("aab"),
    collections.ChainMap({"type": "point", "x": 3}, {"y": 4}),
    collections.UserDict({"type": "circle", "r": 9}),
]
for s in subjects:
    print(type(s).__name__, "->", mp(s))

# **rest is a fresh dict without the matched keys, in the subject's order.
d = {"a": 1, "b": 2, "c": 3}
match d:
    case {"b": _, **rest}:
        print(rest, rest is d, d)

# defaultdict: missing keys are looked up with .get, so nothing is created.
dd = collections.defaultdict(list)
dd["present"].append(1)
match dd:
    case {"present": p, "absent": a}:
        print("matched?!", p, a)
    case {"present": p}:
        print("present only", p)
print(sorted(dd))

# A user mapping: its get is what MATCH_KEYS calls.
class Logged(collections.abc.Mapping):
    def __init__(self, data):
        self.data = data

    def __getitem__(self, key):
        print("  __getitem__", key)
        return self.data[key]

    def __iter__(self):
        print("  __iter__")
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    def get(self, key, default=None):
        print("  get", key, type(default).__name__)
        return self.data.get(key, default)


print(mp(Logged({"type": "point", "x": 7, "y": 8})))
print(mp(Logged({"type": "circle", "r": 1, "q": 2})))
print(mp(Logged({})))

# A dict subclass with an overridden get is honoured too.
class Shouty(dict):
    def get(self, key, default=None):
        print("  Shouty.get", key)
        if key == "x":
            return "overridden"
        return super().get(key, default)


print(mp(Shouty(type="point", x=1, y=2)))

# A dict subclass with __missing__: not called.
class Missing(dict):
    def __missing__(self, key):
        print("  __missing__", key)
        return 0


print(mp(Missing(type="point", x=1)))

# Mapping registered as such.
class Reg:
    def __init__(self, d):
        self.d = d

    def get(self, key, default=None):
        return self.d.get(key, default)

    def keys(self):
        return self.d.keys()

    def __getitem__(self, key):
        return self.d[key]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


print("before", mp(Reg({"type": "point", "x": 1, "y": 1})))
collections.abc.Mapping.register(Reg)
print("after", mp(Reg({"type": "point", "x": 1, "y": 1})))
print("after rest", mp(Reg({"type": "circle", "r": 1, "s": 2})))

# Duplicate keys that are only found at run time (value patterns).
class K:
    a = "same"
    b = "same"
    c = 1
    d = 1.0
    u = []


for subject in [{"same": 1}, {}]:
    try:
        match subject:
            case {K.a: 1, K.b: 2}:
                print("matched")
    except ValueError as e:
        print("ValueError:", e)
try:
    match {1: 1}:
        case {K.c: _, K.d: _}:
            print("matched")
except ValueError as e:
    print("ValueError:", e)
try:
    match {1: 1}:
        case {K.u: _}:
            print("matched")
except TypeError as e:
    print("TypeError:", e)

# The key check happens before lookups: a duplicate after a missing key.
try:
    match {}:
        case {"missing": _, K.a: _, K.b: _}:
            print("matched")
        case _:
            print("no match, no error")
except ValueError as e:
    print("ValueError:", e)

# Errors from get propagate.
class Broken(dict):
    def get(self, key, default=None):
        raise RuntimeError("get failed for " + repr(key))


try:
    match Broken(a=1):
        case {"a": 1}:
            print("matched")
except RuntimeError as e:
    print("RuntimeError:", e)

# Keys nested inside sequences and vice versa.
match [{"id": 1, "tags": ["x", "y"]}, {"id": 2, "tags": []}]:
    case [{"id": i1, "tags": [t, *_]}, {"id": i2, "tags": []}]:
        print(i1, t, i2)

# Duplicates between keys of different kinds: 1, 1.0 and True are equal.
class K2:
    one = 1
    true = True
    fone = 1.0
    s = "1"


def dup_pair(k1, k2):
    try:
        match {1: "x", "1": "y"}:
            case {k1.v: a, k2.v: b}:
                print(repr(k1.v), repr(k2.v), "matched", a, b)
            case _:
                print(repr(k1.v), repr(k2.v), "no match")
    except ValueError as e:
        print(repr(k1.v), repr(k2.v), "ValueError:", e)


class One:
    v = 1


class TrueK:
    v = True


class FOne:
    v = 1.0


class SOne:
    v = "1"


class Two:
    v = 2


for k1, k2 in [(One, TrueK), (One, FOne), (One, SOne), (TrueK, FOne), (SOne, One), (Two, One)]:
    dup_pair(k1, k2)

# Keys of user types with __eq__/__hash__ are compared by them.
class Key:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return hash(self.n)

    def __eq__(self, other):
        print("  Key.__eq__")
        return isinstance(other, Key) and self.n == other.n

    def __repr__(self):
        return f"Key({self.n})"


class K3:
    a = Key(1)
    b = Key(1)
    c = Key(2)


try:
    match {K3.a: 1, K3.c: 2}:
        case {K3.a: x, K3.c: y}:
            print("distinct keys", x, y)
    match {K3.a: 1, K3.c: 2}:
        case {K3.a: x, K3.b: y}:
            print("no")
except ValueError as e:
    print("ValueError:", e)
