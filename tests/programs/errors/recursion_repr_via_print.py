# print() of objects whose __repr__ recurses: print is METH_FASTCALL, and
# an object without __str__ goes from str() straight to its __repr__.
import sys

class R:
    depth = 0
    def __repr__(self):
        R.depth += 1
        return "R" + repr(self)

class P:
    depth = 0
    def __repr__(self):
        P.depth += 1
        print(self)
        return "P"

for limit in (40, 41, 42):
    sys.setrecursionlimit(limit)
    for cls in (R, P):
        cls.depth = 0
        try:
            print(cls())
        except RecursionError as e:
            print(cls.__name__, limit, cls.depth, e)
sys.setrecursionlimit(1000)
print(P())
