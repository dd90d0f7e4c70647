# ContextVar get/set/reset, defaults, Token, reprs and errors.
import re
from contextvars import ContextVar, Token


def addr(s):
    return re.sub(r"0x[0-9a-f]+", "ADDR", s)


def show(f):
    try:
        print(addr(repr(f())))
    except Exception as e:
        print(type(e).__name__ + ":", addr(str(e)))


v = ContextVar("v")
w = ContextVar("w", default=5)
print(v.name, w.name, ContextVar.__module__, Token.__module__)
show(lambda: v.get())
print(v.get(None), v.get("dflt"), w.get(), w.get(7))

t1 = v.set(1)
print(v.get(), v.get(None), t1.var is v, t1.old_value is Token.MISSING, repr(Token.MISSING))
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
v.reset(t1)
show(lambda: v.get())
show(lambda: v.reset(t1))

t3 = w.set(10)
print(w.get(), t3.old_value)
w.reset(t3)
print(w.get())
show(lambda: w.reset(v.set(3)))
print(v.get())

print(addr(repr(ContextVar("n", default=[1]))), addr(repr(ContextVar("n"))))
print(addr(repr(ContextVar("q", default="s'q"))))
tok = w.set(3)
print(addr(repr(tok)))
w.reset(tok)
print(addr(repr(tok)))

show(lambda: ContextVar(1))
show(lambda: ContextVar())
show(lambda: ContextVar("a", 1))
show(lambda: ContextVar("a", defaul=1))
show(lambda: ContextVar(name="kw").name)
show(lambda: ContextVar("a", name="b"))
show(lambda: ContextVar(b"x"))
show(lambda: ContextVar(1, default=2, x=3))
show(lambda: ContextVar("a", default=None).get())
show(lambda: v.get(1, 2))
show(lambda: v.get(default=3))
show(lambda: v.set())
show(lambda: v.set(1, 2))
show(lambda: v.reset(1))
show(lambda: v.reset())
show(lambda: Token())
show(lambda: ContextVar[int])
show(lambda: Token[str])


def setname():
    v.name = "x"


try:
    setname()
except AttributeError:
    print("name is read-only")

for cls in (ContextVar, Token):
    try:
        class Sub(cls):
            pass
        print("subclassed", cls.__name__)
    except TypeError:
        print("not subclassable", cls.__name__)

print(hash(v) == hash(v), v == v, v != w)
many = [ContextVar("m%d" % i, default=i) for i in range(50)]
tokens = [var.set(i * 2) for i, var in enumerate(many)]
print(sum(var.get() for var in many))
for var, tok in reversed(list(zip(many, tokens))):
    var.reset(tok)
print(sum(var.get() for var in many))
