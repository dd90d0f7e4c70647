# format() and str.format and f-strings recursing through __format__.
import sys

class F:
    def __init__(self, how):
        self.how = how
        self.n = 0
    def __format__(self, spec):
        self.n += 1
        if self.how == "format":
            return format(self, spec)
        if self.how == "method":
            return "{:x}".format(self)
        return f"{self:y}"

for how in ("format", "method", "fstring"):
    for limit in (70, 71, 72):
        sys.setrecursionlimit(limit)
        f = F(how)
        try:
            format(f, "z")
        except RecursionError as e:
            print(how, limit, f.n, e)
sys.setrecursionlimit(1000)
print(f"{F('format')}")
