# Class patterns: __match_args__, keywords, the self-matching builtins,
# dataclasses, namedtuples and the errors CPython raises.
import collections
import dataclasses


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point3(x, y, z=0):
            return f"3d on plane {x} {y}"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2),
          Point3(1, 2, 0), Point3(0, 0, 7), Point3(1, 2, 3), (0, 0), None]:
    print(where(p))

# Self-matching builtins: one positional sub-pattern is the subject.
def self_match(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str(s):
            return f"str {s!r}"
        case bytes(b):
            return f"bytes {b!r}"
        case bytearray(b):
            return f"bytearray {b!r}"
        case list(l):
            return f"list {l}"
        case tuple(t):
            return f"tuple {t}"
        case dict(d):
            return f"dict {d}"
        case set(s):
            return f"set {sorted(s)}"
        case frozenset(s):
            return f"frozenset {sorted(s)}"
        case _:
            return f"other {type(v).__name__}"


for v in [True, 3, 2.5, "s", b"b", bytearray(b"ba"), [1], (1,), {1: 2}, {3, 1},
          frozenset({2}), 1j, None, range(2)]:
    print(self_match(v))

# Subclasses of the self-matching builtins inherit the behaviour...
class MyInt(int):
    pass


class MyStr(str):
    pass


class MyDict(collections.OrderedDict):
    pass


match MyInt(5):
    case MyInt(n):
        print("MyInt", n, type(n).__name__)
match MyStr("q"):
    case str(s):
        print("MyStr via str", s)
match MyDict(a=1):
    case dict(d):
        print("MyDict via dict", dict(d))

# ...unless they define __match_args__.
class Celsius(float):
    __match_args__ = ("real", "imag")


match Celsius(21.5):
    case Celsius(r, i):
        print("Celsius", r, i)

# Keyword patterns on builtins.
match 3 + 4j:
    case complex(real=r, imag=i):
        print("complex", r, i)
match 10:
    case int(real=r, denominator=d):
        print("int attrs", r, d)
match "text":
    case str(upper=u):
        print("bound method", u())

# A missing attribute is no match; other errors propagate.
class Partial:
    __match_args__ = ("a", "b")

    def __init__(self):
        self.a = 1


match Partial():
    case Partial(a, b):
        print("both", a, b)
    case Partial(a):
        print("only a", a)


class Explodes:
    @property
    def boom(self):
        raise KeyError("boom")

    @property
    def gone(self):
        raise AttributeError("gone")


match Explodes():
    case Explodes(gone=g):
        print("gone?", g)
    case _:
        print("AttributeError means no match")
try:
    match Explodes():
        case Explodes(boom=b):
            print("boom?", b)
except KeyError as e:
    print("KeyError propagates:", e)

# __getattr__ is honoured.
class Dynamic:
    def __getattr__(self, name):
        if name.startswith("d_"):
            return name.upper()
        raise AttributeError(name)


match Dynamic():
    case Dynamic(d_one=a, d_two=b):
        print("dynamic", a, b)
match Dynamic():
    case Dynamic(other=o):
        print("other", o)
    case _:
        print("dynamic no match")

# Dataclasses and namedtuples get __match_args__ for free.
@dataclasses.dataclass
class Item:
    name: str
    price: float
    qty: int = 1


@dataclasses.dataclass
class KwOnly:
    a: int
    b: int = dataclasses.field(default=0, kw_only=True)


print(Item.__match_args__, KwOnly.__match_args__)
for it in [Item("apple", 0.5), Item("pear", 2.0, 3), Item("free", 0.0)]:
    match it:
        case Item(name, 0.0):
            print("free item", name)
        case Item(name, price, qty) if qty > 1:
            print("bulk", name, price * qty)
        case Item(name=n):
            print("single", n)

Pair = collections.namedtuple("Pair", "left right")
match Pair(1, 2):
    case Pair(l, r):
        print("pair", l, r)
match Pair(3, 4):
    case (l, r):
        print("pair as sequence", l, r)
match Pair(5, 6):
    case tuple(t):
        print("pair as tuple", t)

# isinstance goes through __instancecheck__.
class Meta(type):
    def __instancecheck__(cls, inst):
        print("  __instancecheck__", type(inst).__name__)
        return isinstance(inst, int)


class AnyInt(metaclass=Meta):
    pass


match 5:
    case AnyInt():
        print("AnyInt matched 5")
match "x":
    case AnyInt():
        print("no")
    case _:
        print("AnyInt did not match 'x'")

# Errors, with CPython's messages.
def err(subject, fn):
    try:
        print("result", fn(subject))
    except TypeError as e:
        print("TypeError:", e)


not_a_type = len


def use_not_a_type(s):
    match s:
        case not_a_type():
            return "?"


class NoArgs:
    pass


class ListArgs:
    __match_args__ = ["a"]
    a = 1


class IntArgs:
    __match_args__ = (0,)


class DupArgs:
    __match_args__ = ("a", "a")
    a = 1


class OneArg:
    __match_args__ = ("a",)
    a = 1
    b = 2


def too_many_noargs(s):
    match s:
        case NoArgs(x):
            return x


def too_many_one(s):
    match s:
        case OneArg(x, y):
            return x


def too_many_int(s):
    match s:
        case int(x, y):
            return x


def list_args(s):
    match s:
        case ListArgs(x):
            return x


def int_args(s):
    match s:
        case IntArgs(x):
            return x


def dup_args(s):
    match s:
        case DupArgs(x, y):
            return x


def dup_kw(s):
    match s:
        case OneArg(x, a=y):
            return x


def deque_pos(s):
    match s:
        case collections.deque(x):
            return x


err(1, use_not_a_type)
err(NoArgs(), too_many_noargs)
err(OneArg(), too_many_one)
err(1, too_many_int)
err(ListArgs(), list_args)
err(IntArgs(), int_args)
err(DupArgs(), dup_args)
err(OneArg(), dup_kw)
err(collections.deque(), deque_pos)
# Errors only when the isinstance check passes.
err("not NoArgs", too_many_noargs)
err(None, list_args)

# Checks happen name by name: a missing attribute before a bad name or a
# duplicate means no match and no error.
class BadLater:
    __match_args__ = ("missing", 5)


class DupLater:
    __match_args__ = ("missing", "missing")


def bad_later(s):
    match s:
        case BadLater(a, b):
            return "matched"
        case _:
            return "no match"


def dup_later(s):
    match s:
        case DupLater(a, b):
            return "matched"
        case _:
            return "no match"


err(BadLater(), bad_later)
err(DupLater(), dup_later)
BadLater.missing = DupLater.missing = "now present"
err(BadLater(), bad_later)
err(DupLater(), dup_later)

# __match_args__ found through the MRO, a property-like descriptor on the
# metaclass, and a subclass that shortens it.
class Base:
    __match_args__ = ("a", "b")
    a, b = 1, 2


class Derived(Base):
    pass


class Shorter(Base):
    __match_args__ = ("b",)


match Derived():
    case Derived(x, y):
        print("inherited match args", x, y)
match Shorter():
    case Shorter(x):
        print("shorter", x)
