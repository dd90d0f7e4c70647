# Sequence patterns: fixed length, star in every position, which subjects
# count as sequences.
import array
import collections
import collections.abc


def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one {a!r}"
        case [a, b]:
            return f"two {a!r} {b!r}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long {first!r} {middle!r} {last!r}"
        case [*init, "end"]:
            return f"ends with end after {init!r}"
        case ["start", *rest]:
            return f"starts with start then {rest!r}"
        case [a, b, *_]:
            return f"three or more starting {a!r} {b!r}"
        case _:
            return "not a sequence"


subjects = [
    [], (), [1], (2,), [1, 2], (1, 2), [1, 2, 3], [1, 2, 3, 4, 5],
    ["x", "end"], ["x", "y", "end"], ["start", 1, 2], ("start",),
    "", "ab", "abc", b"ab", bytearray(b"ab"), range(0), range(2), range(3),
    range(10), collections.deque([1, 2]), collections.deque(), memoryview(b"ab"),
    iter([1, 2]), (i for i in range(2)), {1, 2}, frozenset(), {1: 2}, {"a": 1, "b": 2},
    {}.keys(), {}.items(), 5, None, [9, 8, 7, 6], array.array("i", [4, 5]),
    array.array("b"),
]
for s in subjects:
    print(type(s).__name__, "->", seq(s))

# A star in every position.
def star_pos(x):
    match x:
        case [*s, 1, 2]:
            return ("front", s)
        case [0, *s, 9]:
            return ("middle", s)
        case [5, 6, *s]:
            return ("back", s)
        case [*s]:
            return ("all", s)


for x in [[1, 2], [0, 1, 2], [0, 9], [0, 4, 5, 9], [5, 6], [5, 6, 7, 8], [3], (4, 4)]:
    print(x, star_pos(x))

# Star captures always build lists, even from tuples and ranges.
match (1, 2, 3):
    case (a, *rest):
        print(type(rest).__name__, rest)
match range(5):
    case [*r, last]:
        print(r, last)
match collections.deque("xyz"):
    case [a, *b]:
        print(a, b)

# Nested sequences.
match [1, [2, [3, [4]]]]:
    case [a, [b, [c, [d]]]]:
        print(a, b, c, d)
match [(1, "one"), (2, "two")]:
    case [(n1, s1), (n2, s2)]:
        print(n1, s1, n2, s2)

# User-defined classes.
class MyList(list):
    pass


class MyTuple(tuple):
    pass


class MySeq(collections.abc.Sequence):
    def __init__(self, *items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        print("  MySeq.__getitem__", i)
        return self.items[i]


class Registered:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(range(self.n))[i]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * 10


class NotRegistered(Registered):
    pass


class Child(Registered):
    pass


class NotASeq:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        return i


print(seq(MyList([1, 2])), seq(MyTuple((1, 2, 3))))
print(seq(MySeq(1, 2)))
print(seq(MySeq(1, 2, 3, 4, 5, 6)))
print("before register:", seq(Registered(2)), seq(NotASeq()))
collections.abc.Sequence.register(Registered)
print("after register:", seq(Registered(2)), seq(Child(2)), seq(Registered(6)))


class LateChild(Registered):
    pass


print("late child:", seq(LateChild(3)))

# Strings inside sequences are still matched element-wise by literals.
match ["a", "b"]:
    case ["a", "b"]:
        print("string items ok")

# A str subclass is still not a sequence.
class S(str):
    pass


print(seq(S("ab")))

# Length is checked before unpacking: __len__ is called, iteration isn't.
class Loud(list):
    def __len__(self):
        print("  Loud.__len__")
        return super().__len__()

    def __iter__(self):
        print("  Loud.__iter__")
        return super().__iter__()

    def __getitem__(self, i):
        print("  Loud.__getitem__", i)
        return super().__getitem__(i)


for x in [Loud([1]), Loud([1, 2, 3]), Loud([1, 2, 3, 4, 5, 6])]:
    print(seq(x))
