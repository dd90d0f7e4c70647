# copy: copy/deepcopy of builtins, instances (through __reduce_ex__), slots, __copy__/__deepcopy__.
import copy
a = [1, [2, 3], {"k": (4, [5])}]
b = copy.copy(a); c = copy.deepcopy(a)
print(b == a, b is a, b[1] is a[1], c[1] is a[1], c[2]["k"][1] is a[2]["k"][1])
class P:
    def __init__(self, x):
        self.x = x
        self.items = [x]
p = P(3); q = copy.copy(p); r = copy.deepcopy(p)
print(type(q).__name__, q.x, q.items is p.items, r.items is p.items, r.items)
class S:
    __slots__ = ("a", "b")
s = S(); s.a = [1]
t = copy.deepcopy(s)
print(t.a, t.a is s.a, hasattr(t, "b"))
class Custom:
    def __copy__(self):
        return "copied"
    def __deepcopy__(self, memo):
        return "deep"
print(copy.copy(Custom()), copy.deepcopy(Custom()))
rec = [1]; rec.append(rec)
d = copy.deepcopy(rec)
print(d[1] is d, d[0])
print(copy.copy((1, 2)) == (1, 2), copy.deepcopy((1, [2])), copy.copy(complex(1, 2)))
class WithState:
    def __init__(self):
        self.v = 1
    def __getstate__(self):
        return {"v": self.v * 10}
    def __setstate__(self, st):
        self.v = st["v"] + 1
print(copy.copy(WithState()).v)
