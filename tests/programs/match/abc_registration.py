# Which classes match sequence and mapping patterns: builtins, subclasses,
# collections.abc registration and subclassing, and the flag inheritance.
import collections
import collections.abc as cabc


def kind(x):
    match x:
        case [*_]:
            return "sequence"
        case {}:
            return "mapping"
        case _:
            return "neither"


class Plain:
    pass


class SeqSub(cabc.Sequence):
    def __getitem__(self, i):
        raise IndexError

    def __len__(self):
        return 0


class MutSeqSub(cabc.MutableSequence):
    def __getitem__(self, i):
        raise IndexError

    def __setitem__(self, i, v):
        pass

    def __delitem__(self, i):
        pass

    def __len__(self):
        return 0

    def insert(self, i, v):
        pass


class MapSub(cabc.Mapping):
    def __getitem__(self, k):
        raise KeyError(k)

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


class MutMapSub(cabc.MutableMapping, MapSub):
    def __setitem__(self, k, v):
        pass

    def __delitem__(self, k):
        pass


class MapThenList(MapSub, list):
    pass


class ListThenMap(list, MapSub):
    pass


class CollOnly(cabc.Collection):
    def __contains__(self, x):
        return False

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


for obj in [Plain(), SeqSub(), MutSeqSub(), MapSub(), MutMapSub(), MapThenList(),
            ListThenMap(), CollOnly(), collections.UserList(), collections.UserDict(),
            collections.UserString("s")]:
    print(type(obj).__name__, kind(obj))


# Registration: the flag goes to the class and its existing subclasses,
# replaces an earlier kind, and comes to later subclasses by inheritance.
class A:
    pass


class B(A):
    pass


print("A", kind(A()), "B", kind(B()))
cabc.Sequence.register(A)
print("A", kind(A()), "B", kind(B()))
cabc.Mapping.register(A)
print("A", kind(A()), "B", kind(B()))


class C(A):
    pass


print("C", kind(C()))
cabc.Sequence.register(C)
print("A", kind(A()), "C", kind(C()))

# Registering a builtin type does not change it.
cabc.Sequence.register(str)
cabc.Mapping.register(bytes)
print("str", kind("ab"), "bytes", kind(b"ab"))

# Registering with an ABC that is not Sequence/Mapping changes nothing.
class D:
    pass


cabc.Collection.register(D)
cabc.Iterable.register(D)
print("D", kind(D()), isinstance(D(), cabc.Collection))

# Registration through an ABC subclass of Sequence.
class MySeqABC(cabc.Sequence):
    pass


class E:
    pass


MySeqABC.register(E)
print("E", kind(E()), isinstance(E(), cabc.Sequence))

# Registering an already-subclass is a no-op.
class F(list):
    pass


cabc.Mapping.register(F)
print("F", kind(F()))

# A user-defined ABC with __abc_tpflags__.
import abc


class Custom(abc.ABC):
    __abc_tpflags__ = 1 << 6


class CustomChild(Custom):
    pass


print("Custom has __abc_tpflags__:", "__abc_tpflags__" in Custom.__dict__)
print("CustomChild", kind(CustomChild()))
try:
    class Both(abc.ABC):
        __abc_tpflags__ = (1 << 5) | (1 << 6)
except TypeError as e:
    print("TypeError:", e)
