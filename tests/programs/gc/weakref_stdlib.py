# The standard library's weakref.py on top of _weakref: WeakValueDictionary,
# WeakKeyDictionary, WeakSet, finalize, WeakMethod.
import weakref, gc
class K:
    def __init__(self, n):
        self.n = n
    def m(self):
        return self.n
objs = [K(i) for i in range(4)]
wvd = weakref.WeakValueDictionary((i, o) for i, o in enumerate(objs))
wkd = weakref.WeakKeyDictionary((o, i) for i, o in enumerate(objs))
ws = weakref.WeakSet(objs)
print(len(wvd), len(wkd), len(ws))
del objs[0]
print(sorted(wvd), sorted(wkd.values()), len(ws))
events = []
f = weakref.finalize(objs[0], events.append, "finalized")
print(f.alive)
del objs[0]
print(events, f.alive)
wm = weakref.WeakMethod(objs[0].m)
print(wm()())
objs.clear()
gc.collect()
print(len(wvd), len(wkd), len(ws), wm())
