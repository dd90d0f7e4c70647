# A dunder assigned to a class after instances exist takes effect at once,
# and deleting it again restores the previous behaviour.


class Box:
    def __init__(self, v):
        self.v = v


a, b = Box(1), Box(2)
for label, f in [("add", lambda: a + b), ("neg", lambda: -a), ("len", lambda: len(a)),
                 ("getitem", lambda: a[0]), ("iter", lambda: list(a)), ("call", lambda: a(5)),
                 ("contains", lambda: 1 in a), ("lt", lambda: a < b)]:
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)

Box.__add__ = lambda self, o: Box(self.v + o.v)
Box.__neg__ = lambda self: -self.v
Box.__len__ = lambda self: self.v * 10
Box.__getitem__ = lambda self, i: (self.v, i)
Box.__iter__ = lambda self: iter(range(self.v + 2))
Box.__call__ = lambda self, x: self.v * x
Box.__contains__ = lambda self, x: x == self.v
Box.__lt__ = lambda self, o: self.v < o.v
Box.__repr__ = lambda self: f"Box({self.v})"
Box.__bool__ = lambda self: self.v > 1
print((a + b).v, -a, len(a), a[0], list(a), a(5), 1 in a, a < b, b > a, repr(a), bool(a), bool(b))

del Box.__add__, Box.__neg__, Box.__len__, Box.__call__, Box.__lt__, Box.__bool__
for label, f in [("add", lambda: a + b), ("neg", lambda: -a), ("len", lambda: len(a)),
                 ("call", lambda: a(5)), ("lt", lambda: a < b), ("bool", lambda: bool(a))]:
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)

# __getitem__ alone still makes it iterable once __iter__ is gone.
del Box.__iter__


def getitem(self, i):
    if i >= self.v:
        raise IndexError(i)
    return i * 10


Box.__getitem__ = getitem
print(list(Box(3)), next(iter(a)))
Box.__iter__ = None
try:
    iter(a)
except TypeError as e:
    print("TypeError:", e)
