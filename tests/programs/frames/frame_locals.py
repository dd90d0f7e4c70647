# f_locals of live and finished frames, cells and free variables,
# module and class namespaces.
import sys


def show(d):
    return sorted((k, v if not callable(v) else "fn") for k, v in d.items() if k != "frame")


def plain(a, b=2, *args, **kw):
    c = a + b
    frame = sys._getframe()
    print("live:", show(frame.f_locals))
    c = 100
    del a
    print("after rebind and del:", show(frame.f_locals))
    print("same dict:", frame.f_locals is frame.f_locals)
    return frame


f = plain(1, 5, 6, key="v")
print("finished:", show(f.f_locals))


def outer():
    cellvar = "cell"
    unbound_cell = None
    del unbound_cell

    def inner():
        frame = sys._getframe()
        print("inner:", show(frame.f_locals), cellvar)
        print("outer from inner:", show(frame.f_back.f_locals))
        return frame

    return inner()


fr = outer()
print("inner finished:", show(fr.f_locals))
print("outer finished:", show(fr.f_back.f_locals))

print("module f_locals is globals:", sys._getframe().f_locals is globals())


class C:
    x = 1
    ns = sys._getframe().f_locals
    y = 2


print("class ns:", sorted(k for k in C.ns if not k.startswith("__")))


def gen():
    local = 1
    yield sys._getframe()
    local = 2
    yield sys._getframe()


g = gen()
a = next(g)
print("gen frame:", show(a.f_locals))
b = next(g)
print("gen frame again:", show(b.f_locals))
print("gi_frame suspended:", show(g.gi_frame.f_locals), g.gi_frame.f_code.co_name)
print("gi_frame.f_back suspended:", g.gi_frame.f_back)
list(g)
print("gi_frame finished:", g.gi_frame)


def running():
    yield sys._getframe() is r.gi_frame


r = running()
print("running gi_frame is the frame:", next(r))


def clear_me():
    x = [1, 2]
    return sys._getframe()


cf = clear_me()
print("before clear:", show(cf.f_locals))
cf.clear()
print("after clear:", show(cf.f_locals))
try:
    sys._getframe().clear()
except RuntimeError as e:
    print("RuntimeError", e)
