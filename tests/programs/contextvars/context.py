# Context: run, copy isolation, the Mapping API, entering twice, tokens
# from another context.
import re
import contextvars
from contextvars import Context, ContextVar, copy_context


def addr(s):
    return re.sub(r"0x[0-9a-f]+", "ADDR", s)


def show(f):
    try:
        print(addr(repr(f())))
    except Exception as e:
        print(type(e).__name__ + ":", addr(str(e)))


a = ContextVar("a")
b = ContextVar("b", default="B")
a.set(1)

ctx = copy_context()
print(len(ctx), a in ctx, b in ctx, ctx[a], ctx.get(a), ctx.get(b), ctx.get(b, "dd"))
print(list(ctx) == [a], list(ctx.keys()) == [a], list(ctx.values()), [(k.name, v) for k, v in ctx.items()])
show(lambda: ctx[b])
show(lambda: ctx[1])
show(lambda: 1 in ctx)
show(lambda: ctx.get("x"))
show(lambda: ctx.get())


def work(x, y=0):
    a.set(x + y)
    b.set("in run")
    return a.get(), b.get()


print(ctx.run(work, 10, y=5))
print(a.get(), b.get())
print(ctx[a], ctx[b], len(ctx))
print(sorted(v.name for v in ctx))

c2 = ctx.copy()
print(c2 == ctx, c2 is ctx, c2[a])
c2.run(a.set, 99)
print(c2[a], ctx[a], c2 == ctx)

empty = Context()
print(len(empty), list(empty), empty.run(lambda: a.get("none here")))
print(Context() == Context(), Context() == 1, Context() != empty)
try:
    hash(Context())
except TypeError:
    print("Context is unhashable")
show(lambda: Context(1))
show(lambda: Context(x=1))
show(lambda: ctx.run())
print(addr(repr(empty)))


def reenter():
    return ctx.run(lambda: ctx.run(lambda: 1))


show(reenter)

tok = a.set(2)
show(lambda: copy_context().run(a.reset, tok))
a.reset(tok)
print(a.get())

# Nested contexts: each run sees its own values, the outer one is restored.
outer = copy_context()


def level(n):
    a.set(n)
    if n < 3:
        copy_context().run(level, n + 1)
    print("level", n, a.get())


outer.run(level, 0)
print("after", a.get())

# An exception inside run leaves the context too.


def boom():
    a.set("boom")
    raise ValueError("inside")


try:
    ctx.run(boom)
except ValueError as e:
    print("caught", e, a.get(), ctx[a])
print(ctx.run(lambda: 5))

# A generator keeps the context of whoever resumes it.
def gen():
    yield a.get()
    yield a.get()


g = gen()
print(next(g))
print(copy_context().run(lambda: (a.set("other"), next(g))[1]))
print(contextvars.copy_context()[a])
