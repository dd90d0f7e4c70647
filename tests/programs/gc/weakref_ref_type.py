# _weakref.ref semantics: callbacks, __callback__, hash and equality,
# sharing of the basic ref, subclasses, getweakrefs, _remove_dead_weakref.
import _weakref, gc
ref = _weakref.ref
class T:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return isinstance(other, T) and self.v == other.v
a, b = T(1), T(1)
ra, rb = ref(a), ref(b)
print(ra is ref(a), ra == rb, ra != rb, hash(ra) == hash(1))
print(ra.__callback__, ref(a, print).__callback__ is print)
print(_weakref.getweakrefcount(a), len(_weakref.getweakrefs(a)))
order = []
r1 = ref(a, lambda r: order.append("first"))
r2 = ref(a, lambda r: order.append("second"))
del a
print(order, ra(), ra == ref(b), ra == ra)
print(hash(ra) == hash(1))
c = T(2)
rc = ref(c)
del c
try:
    hash(rc)
except TypeError as e:
    print("TypeError:", e)
class R(ref):
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag
d = T(3)
r = R(d, None, tag="t")
print(type(r).__name__, r.tag, r() is d, isinstance(r, ref), r is not ref(d))
print(_weakref.getweakrefcount(d))
dct = {"k": ref(d)}
_weakref._remove_dead_weakref(dct, "k")
print(list(dct))
del d
_weakref._remove_dead_weakref(dct, "k")
print(list(dct))
for obj in [1, "s", (), [], {}, None, 1.5, b"", range(2)]:
    try:
        ref(obj)
    except TypeError as e:
        print(e)
def f():
    yield 1
for obj in [set(), frozenset(), f, f(), f.__code__, T, len, gc]:
    print(type(ref(obj)()).__name__)
class I(int):
    pass
class S(str):
    pass
for obj in [I(1), S("x")]:
    try:
        print(ref(obj)() == obj)
    except TypeError as e:
        print(e)
print(repr(ref(T)).startswith("<weakref at 0x"), "; to 'type' at" in repr(ref(T)), repr(ref(T)).endswith("(T)>"))
e = T(0)
re_ = ref(e)
del e
print(repr(re_).endswith("; dead>"))
