# _weakref.proxy: attribute access, operators and calls go to the
# referent; once it is gone, ReferenceError.
import _weakref
class Box:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __add__(self, other):
        return Box(self.items + list(other))
    def total(self):
        return sum(self.items)
b = Box([1, 2, 3])
p = _weakref.proxy(b)
print(p.items, p.total(), len(p), p[1], list(p), 2 in p, bool(p))
print((p + [4]).items, p == b)
print(type(p).__name__, _weakref.proxy(b) is p, _weakref.getweakrefcount(b))
def fn(x):
    return x * 2
cp = _weakref.proxy(fn)
print(type(cp).__name__, cp(21))
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
del b
for action in (lambda: p.items, lambda: len(p), lambda: p[0]):
    try:
        action()
    except ReferenceError as e:
        print("ReferenceError:", e)
