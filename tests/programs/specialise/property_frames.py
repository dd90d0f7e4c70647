# LOAD_ATTR of a property runs a Python getter as a frame of the eval loop:
# replaced by a plain attribute, getters that raise (tracebacks), recurse,
# take defaults, are generators, lambdas or builtins.
import sys


class P:
    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return self.v * 2

    @property
    def bad(self):
        return self.v / 0

    @property
    def deep(self):
        return self.deep

    def _with_default(self, k=10):
        return self.v + k

    withdef = property(_with_default)

    def _gen(self):
        yield self.v
        yield self.v + 1

    gen = property(_gen)
    lam = property(lambda self: ("lambda", self.v))


class L(list):
    size = property(len)


def get_double(o):
    return o.double


objs = [P(i) for i in range(5)]
total = 0
for i in range(2000):
    total += get_double(objs[i % 5])
print(total)

P.double = 7                      # the property becomes a plain class attribute
print(get_double(objs[1]))
objs[1].double = "own"            # and then an instance attribute shadows it
print(get_double(objs[1]), get_double(objs[2]))
P.double = property(lambda self: -self.v)
print(get_double(objs[2]), get_double(objs[1]))


def get_bad(o):
    return o.bad


for i in range(1200):
    try:
        get_bad(objs[i % 5])
    except ZeroDivisionError as e:
        last = e
names = []
tb = last.__traceback__
while tb is not None:
    names.append(tb.tb_frame.f_code.co_name)
    tb = tb.tb_next
print(type(last).__name__, last, names)

try:
    objs[0].deep
except RecursionError as e:
    print("RecursionError", str(e)[:40])
print(sys.getrecursionlimit())


def read_all(o):
    return o.withdef, list(o.gen), o.lam


for i in range(1000):
    r = read_all(objs[i % 5])
print(r)
P._with_default.__defaults__ = (100,)
print(read_all(objs[3]))
P._with_default.__defaults__ = None
try:
    read_all(objs[3])
except TypeError as e:
    print("TypeError", e)

ls = [L(range(i)) for i in range(4)]
print([sum(x.size for x in ls) for _ in range(600)][-1])
