# str() of an object whose __str__ calls str() on itself: which call site
# trips the limit decides the message, so try a few limits.
import sys

class S:
    def __init__(self):
        self.n = 0
    def __str__(self):
        self.n += 1
        return "S" + str(self)

for limit in (60, 61, 62, 63):
    sys.setrecursionlimit(limit)
    s = S()
    try:
        str(s)
    except RecursionError as e:
        print(limit, s.n, e)
sys.setrecursionlimit(1000)
s = S()
print("S:", s)
