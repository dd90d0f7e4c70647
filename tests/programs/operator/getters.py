# itemgetter, attrgetter and methodcaller: calls, reprs, __reduce__, errors.
import operator
from operator import attrgetter, itemgetter, methodcaller


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


rows = [("b", 2, 9.5), ("a", 3, 1.5), ("c", 1, 4.0)]
print(sorted(rows, key=itemgetter(1)))
print(sorted(rows, key=itemgetter(2, 0)))
print(list(map(itemgetter(0), rows)))
print(itemgetter(slice(1, None))("hello"), itemgetter("k")({"k": "v"}))
print(itemgetter(-1, 0, 1)([10, 20, 30]))

print(repr(itemgetter(1)), repr(itemgetter(1, "a")), repr(itemgetter((1, 2))))
print(itemgetter(1).__reduce__(), itemgetter(1, 2).__reduce__())
print(type(itemgetter(1)), itemgetter.__name__, itemgetter.__module__)

class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.child = None

p = P(1, 2)
p.child = P(3, 4)
print(attrgetter("x")(p), attrgetter("x", "y")(p), attrgetter("child.y")(p))
print(attrgetter("child.x", "y", "child.child")(p))
print(repr(attrgetter("x")), repr(attrgetter("a.b", "c")))
print(attrgetter("a.b").__reduce__(), attrgetter("x", "y").__reduce__())
print(sorted([P(3, 0), P(1, 0), P(2, 0)], key=attrgetter("x"))[0].x)

print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b,c"))
print(methodcaller("split", ",", maxsplit=1)("a,b,c"))
print(methodcaller("get", "k", 0)({}))
print(repr(methodcaller("f")), repr(methodcaller("f", 1, "x", k=2, j=[3])))
print(methodcaller("f", 1).__reduce__())
red = methodcaller("split", maxsplit=1).__reduce__()
print(red)
print(red[0](*red[1])("a b c"))

show(lambda: itemgetter())
show(lambda: itemgetter(1, x=1))
show(lambda: itemgetter(1)([1, 2], 3))
show(lambda: itemgetter(1)())
show(lambda: itemgetter(1)(x=1))
show(lambda: itemgetter(5)([1]))
show(lambda: itemgetter("a")(5))
show(lambda: attrgetter())
show(lambda: attrgetter(1))
show(lambda: attrgetter("a", 2))
show(lambda: attrgetter("nope")(p))
show(lambda: attrgetter("child.nope")(p))
show(lambda: attrgetter("x")())
show(lambda: methodcaller())
show(lambda: methodcaller(1))
show(lambda: methodcaller("x")(1, 2))
show(lambda: methodcaller("nope")(1))
show(lambda: methodcaller("upper", 1)("a"))

for cls in (itemgetter, attrgetter, methodcaller):
    try:
        class Sub(cls):
            pass
        print("subclassed", cls.__name__)
    except TypeError:
        print("not subclassable", cls.__name__)

import copy
ig = copy.deepcopy(itemgetter(0, 2))
print(ig, ig("xyz"))
ag = copy.copy(attrgetter("real", "imag"))
print(ag, ag(3 + 4j))
mc = copy.deepcopy(methodcaller("split", "-", maxsplit=1))
print(mc, mc("a-b-c"))
