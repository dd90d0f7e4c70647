# len() of an object whose __len__ calls len() on itself: len is METH_O,
# counted at cold call sites and not at warm ones in CPython 3.11.
import sys

class L:
    def __init__(self):
        self.n = 0
    def __len__(self):
        self.n += 1
        return len(self)

class B:
    def __init__(self):
        self.n = 0
    def __bool__(self):
        self.n += 1
        return not self

for limit in (50, 51, 52):
    sys.setrecursionlimit(limit)
    x = L()
    try:
        len(x)
    except RecursionError as e:
        print("len", limit, x.n, e)
    b = B()
    try:
        bool(b)
    except RecursionError as e:
        print("bool", limit, b.n, e)
sys.setrecursionlimit(1000)
len(L())
