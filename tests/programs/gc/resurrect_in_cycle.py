# A __del__ in a cycle resurrects the cycle: the objects survive the
# collection, __del__ never runs twice, and the next collection after the
# last outside reference goes frees them without calling it again.
import gc
gc.collect()
saved = []
calls = []
class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        calls.append(self.name)
        saved.append(self)
a = Phoenix("a")
b = Phoenix("b")
a.peer, b.peer = b, a
del a, b
gc.collect()
print(sorted(calls), len(saved))
print([gc.is_finalized(p) for p in saved])
print(saved[0].peer.peer is saved[0])
saved.clear()
n = gc.collect()
print("collected:", n >= 2, "calls:", sorted(calls))
# Resurrecting only one member of a cycle keeps the whole cycle alive.
keep = []
class Half:
    def __del__(self):
        if getattr(self, "keep", False):
            keep.append(self)
x, y = Half(), Half()
x.keep = True
x.other, y.other = y, x
del x, y
gc.collect()
print(len(keep), type(keep[0].other).__name__, keep[0].other.other is keep[0])
