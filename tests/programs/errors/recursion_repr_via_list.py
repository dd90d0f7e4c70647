# Container reprs (list_repr: Py_ReprEnter, then PyObject_Repr of each
# item) of objects whose __repr__ puts themselves in a container.
import sys

class InList:
    n = 0
    def __repr__(self):
        InList.n += 1
        return repr([self])

class InDict:
    n = 0
    def __repr__(self):
        InDict.n += 1
        return repr({"k": self})

class InTuple:
    n = 0
    def __repr__(self):
        InTuple.n += 1
        return repr((self, 1))

for limit in (55, 56, 57):
    sys.setrecursionlimit(limit)
    for cls in (InList, InDict, InTuple):
        cls.n = 0
        try:
            repr(cls())
        except RecursionError as e:
            print(cls.__name__, limit, cls.n, e)
# A list that contains itself is not a recursion: Py_ReprEnter stops it.
sys.setrecursionlimit(1000)
a = [1]
a.append(a)
d = {}
d["self"] = d
print(a, d)
print([InList()])
