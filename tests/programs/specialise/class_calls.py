# Calling a class: __init__ reassigned after 1000 calls, __new__ added
# later, __init__ returning a value, a metaclass __call__, and instances
# of another class returned by __new__.
class C:
    def __init__(self, x):
        self.x = x


def make(k):
    return C(k)


s = 0
for i in range(1500):
    s += make(i).x
print(s)


def init2(self, x):
    self.x = -x


C.__init__ = init2
print(make(5).x)


class Other:
    pass


def new(cls, x):
    if x < 0:
        return Other()
    o = object.__new__(cls)
    o.tag = "new"
    return o


C.__new__ = new
print(make(3).x, make(3).tag, type(make(-1)).__name__)
C.__new__ = lambda cls, x: object.__new__(cls)
print(make(4).x, hasattr(make(4), "tag"))
C.__init__ = lambda self, x: 1
try:
    make(1)
except TypeError as e:
    print("TypeError", e)
del C.__init__
try:
    make(1)
except TypeError as e:
    print("TypeError", e)


class Meta(type):
    def __call__(cls, *args):
        return ("meta", args)


class M(metaclass=Meta):
    pass


print([M(i) for i in range(1000)][-1])


class WithDefaults:
    def __init__(self, a, b=2, *, c=3):
        self.t = (a, b, c)


print([WithDefaults(i).t for i in range(1000)][-1], WithDefaults(1, c=9).t)
