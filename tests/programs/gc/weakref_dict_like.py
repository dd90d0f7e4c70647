import weakref, gc
class Obj:
    def __init__(self, n):
        self.n = n
objs = [Obj(i) for i in range(5)]
refs = [weakref.ref(o) for o in objs]
print([r().n for r in refs])
del objs[1:3]
gc.collect()
print([r() is None for r in refs])
o = Obj(9)
r1 = weakref.ref(o)
r2 = weakref.ref(o)
print(r1 is r2, r1 == r2, r1() is o)
p = weakref.proxy(o)
print(p.n)
del o
gc.collect()
try:
    p.n
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    weakref.ref(5)
except TypeError as e:
    print("TypeError:", e)
