# A dunder defined on a base class after a subclass (and its instances)
# exist reaches the subclass; an override in the subclass wins; deleting
# the override exposes the base's again.


class Base:
    pass


class Mid(Base):
    pass


class Leaf(Mid):
    def __init__(self, n):
        self.n = n


x, y = Leaf(3), Leaf(4)
try:
    print(x * y)
except TypeError as e:
    print("TypeError:", e)

Base.__mul__ = lambda self, o: ("Base.mul", self.n * o.n)
Base.__hash__ = lambda self: self.n
Base.__eq__ = lambda self, o: self.n == o.n
print(x * y, hash(x), x == Leaf(3), x == y, {x: 1}[Leaf(3)])

Mid.__mul__ = lambda self, o: ("Mid.mul", self.n + o.n)
print(x * y)
del Mid.__mul__
print(x * y)

# A base gains __len__ and __bool__ falls back to it.
print(bool(Leaf(0)))
Base.__len__ = lambda self: self.n
print(bool(Leaf(0)), bool(Leaf(2)), len(Leaf(7)))

# A base's __getattr__ added later.
try:
    print(x.missing)
except AttributeError as e:
    print("AttributeError:", e)
Base.__getattr__ = lambda self, name: "computed " + name
print(x.missing, x.n)
del Base.__getattr__
try:
    print(x.missing)
except AttributeError as e:
    print("AttributeError:", e)
