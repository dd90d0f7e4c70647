# threading.local: a finished thread's namespace is dropped by the time
# join() returns; a local in a reference cycle is collected; the other
# threads' namespaces are untouched.
import gc
import threading
import weakref


class Obj:
    pass


local = threading.local()
local.keep = 'main'
refs = []


def work(i):
    o = Obj()
    local.o = o
    local.keep = i
    refs.append(weakref.ref(o))


threads = [threading.Thread(target=work, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('alive after join:', sum(r() is not None for r in refs), 'of', len(refs))
print('main namespace:', local.keep, hasattr(local, 'o'))


class X:
    pass


x = X()
x.local = threading.local()
x.local.x = x
wr = weakref.ref(x)
del x
gc.collect()
print('cycle collected:', wr() is None)


class Sub(threading.local):
    def __init__(self, tag):
        self.tag = tag


s = Sub('t')
seen = []
t = threading.Thread(target=lambda: seen.append((s.tag, Obj())))
t.start()
t.join()
print('subclass init per thread:', seen[0][0], s.tag)
