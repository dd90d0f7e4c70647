# Instantiation run as a frame of the same loop (`__init__` of a class whose
# `__new__` is object's): defaults, subclasses, a non-None return, an
# exception in `__init__` (traceback), a generator `__init__`, `__init__`
# rebinding `self`, `__del__` order, recursion through instantiation (the
# class call counts, as in CPython), and changes to the class after the
# site specialised.
import sys
import traceback


class A:
    def __init__(self, x, y=2):
        self.x = x
        self.y = y


class B(A):
    pass


total = 0
for i in range(40):
    total += A(i).y + B(i, 3).y + B(i).x
print("A/B", total)


class Rebind:
    def __init__(self, v):
        self.v = v
        self = None


print("rebind", [Rebind(i).v for i in range(30)][-3:])


class R:
    def __init__(self):
        return 5


for i in range(30):
    try:
        R()
    except TypeError as e:
        if i == 29:
            print("R", e)


class E:
    def __init__(self, v):
        raise ValueError(v)


def make_e(v):
    return E(v)


for i in range(20):
    try:
        make_e(i)
    except ValueError as e:
        if i == 19:
            print("".join(traceback.format_exception_only(type(e), e)).strip())
            names = []
            tb = e.__traceback__
            while tb is not None:
                names.append(tb.tb_frame.f_code.co_name)
                tb = tb.tb_next
            print(names)


class G:
    def __init__(self):
        yield 1


for i in range(20):
    try:
        G()
    except TypeError as e:
        if i == 19:
            print("G", e)


class D:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print("del", self.x)


for i in range(3):
    D(i)
d = D(10)
del d


class Caller:
    def __init__(self):
        self.up = sys._getframe(1).f_code.co_name


def who():
    return Caller().up


print("caller", [who() for _ in range(20)][-1])

depth = 0


class N:
    def __init__(self, n):
        global depth
        depth = n
        self.next = N(n + 1)


def nest(k):
    if k:
        return nest(k - 1)
    return N(0)


for warm in range(30):
    for k in (0, 1, 5):
        try:
            nest(k)
        except RecursionError as e:
            if warm in (0, 29):
                print("recursion", k, depth, e)


class P:
    def __init__(self, x):
        self.x = x


def make_p(x):
    return P(x)


for i in range(30):
    make_p(i)
P.__init__ = lambda self, x: setattr(self, "y", x * 2)
print("new __init__", make_p(5).__dict__)


def new(cls, x):
    o = object.__new__(cls)
    o.made_by = "new"
    return o


P.__new__ = new
print("new __new__", make_p(6).__dict__)
P.__abstractmethods__ = frozenset({"f"})
try:
    make_p(8)
except TypeError as e:
    print("abstract", e)
