# gc.collect() called from a finalizer run by the collector does nothing
# (returns 0); called from a __del__ run by reference counting it collects.
import gc
gc.collect()
results = []
class Inner:
    def __del__(self):
        results.append(("inner", gc.collect()))
c1, c2 = Inner(), Inner()
c1.o, c2.o = c2, c1
del c1, c2
print(gc.collect() >= 2)
print(results)
results.clear()
class Outer:
    def __del__(self):
        results.append(("outer", gc.collect() >= 1))
l = []
l.append(l)
del l
o = Outer()
del o
print(results)
