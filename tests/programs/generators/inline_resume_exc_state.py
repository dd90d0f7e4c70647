# sys.exc_info() inside generators resumed by for loops, next(), send()
# and yield from, while the caller is (or is not) handling an exception.
import sys


def show(tag):
    e = sys.exc_info()[1]
    print(tag, repr(e))


def gen():
    show("gen start")
    yield 1
    try:
        raise KeyError("inner")
    except KeyError:
        show("gen in except")
        yield 2
        show("gen after yield in except")
    show("gen after except")
    yield 3


def drive(resume):
    g = gen()
    for _ in range(3):
        v = resume(g)
        show(f"caller got {v}")
    try:
        resume(g)
    except StopIteration:
        show("stopped")


drive(next)
try:
    raise ValueError("outer")
except ValueError:
    drive(next)
    show("caller still")
    for v in gen():
        show(f"for got {v}")
    show("after for")

def delegate():
    r = yield from gen()
    show("delegate done")
    return r

try:
    raise IndexError("outer2")
except IndexError:
    for v in delegate():
        show(f"delegated {v}")
show("end")


def nested_except():
    try:
        raise TypeError("t")
    except TypeError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]


g = nested_except()
print(repr(next(g)))
try:
    raise OSError("caller")
except OSError:
    print(repr(next(g)))
    print(repr(sys.exc_info()[1]))
print(repr(sys.exc_info()[1]))


# exceptions leaving a generator resumed inline
def boom():
    yield 1
    raise RuntimeError("from gen")


try:
    for x in boom():
        print("item", x)
except RuntimeError as e:
    print("caught", e, repr(e.__context__))


def stops():
    yield 1
    raise StopIteration("bad")


try:
    for x in stops():
        print("item", x)
except RuntimeError as e:
    print("caught", e, repr(e.__cause__), e.__suppress_context__)


def running_check():
    yield g2.gi_running
    try:
        next(g2)
    except ValueError as e:
        yield str(e)


g2 = running_check()
print(list(g2))


# generator finishing inside a for loop with break and else
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


for i in count(3):
    pass
else:
    print("else ran", i)
for i in count(10):
    if i == 2:
        break
print("broke at", i)


# deep yield from chains
def chain(n):
    if n == 0:
        yield "leaf"
        return 0
    r = yield from chain(n - 1)
    return r + 1


def top():
    r = yield from chain(50)
    yield r


print(list(top()))
g = chain(3)
print(next(g), g.gi_yieldfrom.gi_yieldfrom.__name__)
print(g.send(None) if False else "ok")


# send through yield from
def echo():
    x = None
    while True:
        x = yield x
        if x == "stop":
            return "echo stopped"


def wrapper():
    r = yield from echo()
    yield r


w = wrapper()
next(w)
print(w.send(1), w.send("two"), w.send("stop"))


# throw/close through yield from when resumed inline
def inner_closing():
    try:
        yield 1
        yield 2
    finally:
        print("inner finally")


def outer_closing():
    try:
        yield from inner_closing()
    finally:
        print("outer finally")


for v in outer_closing():
    print("got", v)
    break
import gc
gc.collect()
o = outer_closing()
next(o)
o.close()
o = outer_closing()
next(o)
try:
    o.throw(KeyError("k"))
except KeyError as e:
    print("thrown", e)


# recursion through generators resumed inline
def deep(n):
    if n:
        yield from deep(n - 1)
    else:
        yield "bottom"


print(list(deep(200)))
try:
    print(list(deep(5000)))
except RecursionError as e:
    print("RecursionError")
