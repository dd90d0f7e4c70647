import weakref, gc
class T:
    pass
t = T()
r = weakref.ref(t)
print(r() is t, weakref.getweakrefcount(t))
def cb(ref):
    print("callback, dead:", ref() is None)
r2 = weakref.ref(t, cb)
del t
gc.collect()
print(r() is None, r2() is None)
class N:
    def __init__(self):
        self.self_ref = self
n = N()
w = weakref.ref(n, lambda ref: print("cycle member collected"))
del n
gc.collect()
print(w() is None)
