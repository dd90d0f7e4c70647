# __getattr__ that looks up a missing attribute on self, directly and
# through getattr() (METH_FASTCALL) and hasattr().
import sys

class A:
    def __init__(self, how):
        self.how = how
        self.n = 0
    def __getattr__(self, name):
        self.__dict__["n"] += 1
        if self.how == "dot":
            return self.missing
        if self.how == "getattr":
            return getattr(self, name)
        return hasattr(self, name + "x")

for how in ("dot", "getattr", "hasattr"):
    for limit in (65, 66, 67):
        sys.setrecursionlimit(limit)
        a = A(how)
        try:
            a.other
        except RecursionError as e:
            print(how, limit, a.n, e)
sys.setrecursionlimit(1000)
print(A("getattr").zzz)
