import sys
class Node:
    def __init__(self, v, nxt=None):
        self.v = v
        self.nxt = nxt
    def length(self):
        return 1 + (self.nxt.length() if self.nxt else 0)
    def __repr__(self):
        return f"Node({self.v}, {self.nxt!r})"
n = None
for i in range(5):
    n = Node(i, n)
print(n.length(), n)
class Loop:
    def __repr__(self):
        return repr(self)
try:
    repr(Loop())
except RecursionError as e:
    print("RecursionError:", e)
class Attr:
    def __getattr__(self, name):
        return self.other
try:
    Attr().x
except RecursionError as e:
    print("RecursionError caught in __getattr__")
print("still alive", sys.getrecursionlimit())
