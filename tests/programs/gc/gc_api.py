# The gc module's functions and constants.
import gc
gc.collect()
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked(None))
class A:
    pass
a = A()
print(gc.is_tracked(a), gc.is_tracked(A), gc.is_tracked(lambda: 0))
l = [a, "x"]
print(a in gc.get_referents(l), "x" in gc.get_referents(l))
print(any(r is l for r in gc.get_referrers(a)))
print(any(o is l for o in gc.get_objects()))
print(type(gc.get_count()).__name__, len(gc.get_count()))
old = gc.get_threshold()
gc.set_threshold(500, 5)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold() == old)
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
try:
    gc.collect(5)
except ValueError as e:
    print("ValueError:", e)
print(gc.collect(0) >= 0, gc.collect(1) >= 0, gc.collect(generation=2) >= 0)
phases = []
def cb(phase, info):
    phases.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)
print(gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
x = []
x.append(x)
del x
gc.collect()
print(len(gc.garbage), type(gc.garbage[0]).__name__)
gc.set_debug(0)
gc.garbage.clear()
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.is_finalized(a))
