# copy() is a snapshot: later sets in either context never leak.
from contextvars import ContextVar, copy_context

vs = [ContextVar("v%d" % i) for i in range(20)]
for i, v in enumerate(vs[:10]):
    v.set(i)

snap = copy_context()
for i, v in enumerate(vs):
    v.set(i * 100)

print([snap.get(v) for v in vs])
print([v.get() for v in vs])


def inside():
    for v in vs[5:15]:
        v.set(-1)
    return [v.get(None) for v in vs]


print(snap.run(inside))
print([snap.get(v) for v in vs])
print([v.get() for v in vs])
snap2 = snap.copy()
snap2.run(lambda: vs[0].set("x"))
print(snap[vs[0]], snap2[vs[0]], len(snap), len(snap2))


class Value:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name, getattr(vs[0].get(None), "name", None))


t = vs[0].set(Value("first"))
vs[0].set(Value("second"))
vs[0].reset(t)
print("reset done", vs[0].get(None))
