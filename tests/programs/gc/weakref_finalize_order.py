import weakref, gc
events = []
class Res:
    def __init__(self, name):
        self.name = name
def make(name):
    r = Res(name)
    weakref.ref(r, lambda ref, n=name: events.append("cb " + n))
    return r
a = make("a")
refs = []
b = Res("b")
refs.append(weakref.ref(b, lambda ref: events.append("cb b")))
c = Res("c")
refs.append(weakref.ref(c, lambda ref: events.append("cb c")))
del b
events.append("after del b")
del c
gc.collect()
events.append("after collect")
print(events)
print([r() for r in refs])
