# printf-style formatting: %r, %s and %a of objects that recurse.
import sys

class R:
    def __init__(self, code):
        self.code = code
        self.n = 0
    def __repr__(self):
        self.n += 1
        return ("%" + self.code) % (self,)
    __str__ = __repr__

for code in ("r", "s", "a"):
    for limit in (48, 49, 50):
        sys.setrecursionlimit(limit)
        r = R(code)
        try:
            "%r" % (r,)
        except RecursionError as e:
            print(code, limit, r.n, e)
sys.setrecursionlimit(1000)
print("%s" % R("r"))
