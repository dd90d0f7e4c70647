# f-string conversions !r, !s and !a recursing through __repr__/__str__.
import sys

class R:
    def __init__(self, conv):
        self.conv = conv
        self.n = 0
    def __repr__(self):
        self.n += 1
        if self.conv == "r":
            return f"<{self!r}>"
        return f"<{self!a}>"
    def __str__(self):
        self.n += 1
        return f"[{self!s}]"

for conv, fn in (("r", repr), ("a", ascii), ("s", str)):
    for limit in (45, 46, 47):
        sys.setrecursionlimit(limit)
        r = R(conv)
        try:
            fn(r)
        except RecursionError as e:
            print(conv, limit, r.n, e)
sys.setrecursionlimit(1000)
print(f"{R('r')!r}")
