# Weakref callbacks and finalizers that create new cycles during a
# collection: the new garbage is found by the next collection.
import gc, _weakref
gc.collect()
made = []
class T:
    pass
def cb(ref):
    a, b = T(), T()
    a.b, b.a = b, a
    made.append(_weakref.ref(a))
t = T()
t.self = t
r = _weakref.ref(t, cb)
del t
print(gc.collect() >= 1, r() is None)
print(len(made), made[0]() is not None)
print(gc.collect() >= 2, made[0]() is None)
class D:
    def __del__(self):
        x = [self.__class__]
        x.append(x)
d = D()
d.me = d
del d
print(gc.collect() >= 1)
print(gc.collect() >= 1)
print(gc.collect())
