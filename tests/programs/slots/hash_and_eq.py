# __eq__ without __hash__ makes a class unhashable; __hash__ = None blocks
# hashing explicitly; a subclass may restore it; assigning __eq__ later does
# not remove the hash (as CPython).


class Plain:
    pass


class EqOnly:
    def __eq__(self, other):
        return True


class EqAndHash:
    def __eq__(self, other):
        return isinstance(other, EqAndHash)

    def __hash__(self):
        return 42


class Blocked:
    __hash__ = None


class Restored(EqOnly):
    def __hash__(self):
        return 7


for cls in (Plain, EqOnly, EqAndHash, Blocked, Restored):
    try:
        h = hash(cls())
        print(cls.__name__, "hashable", h if cls is not Plain else "(id)")
    except TypeError as e:
        print(cls.__name__, "TypeError:", e)

print(EqOnly.__hash__, Blocked.__hash__)
print({EqAndHash(): "a"}[EqAndHash()])
print(EqAndHash() in {EqAndHash(), 1}, EqOnly() == 3, EqOnly() != 3)

Plain.__eq__ = lambda self, other: True
p = Plain()
print(p == 1, type(hash(p)).__name__)
Plain.__hash__ = None
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
del Plain.__hash__
print(type(hash(p)).__name__)


class Big:
    def __hash__(self):
        return 2 ** 70


class MinusOne:
    def __hash__(self):
        return -1


class NotInt:
    def __hash__(self):
        return "x"


print(hash(Big()), hash(MinusOne()))
try:
    hash(NotInt())
except TypeError as e:
    print("TypeError:", e)


# Identity first: containers find an object whose __eq__ says False.
class Never:
    def __eq__(self, other):
        return False

    __hash__ = object.__hash__


n = Never()
print(n in [n], n in {n}, [n] == [n], n == n, (n,) == (n,), [n].count(n), [n].index(n))
