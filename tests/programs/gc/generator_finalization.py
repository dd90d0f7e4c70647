# Generators are closed when the last reference goes (finally blocks run,
# GeneratorExit at the suspension point), and generators in cycles are
# closed by the collector.
import gc
gc.collect()
def worker(name):
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print(name, "got GeneratorExit")
        raise
    finally:
        print(name, "finally")
g = worker("plain")
next(g)
del g
print("after del")
g = worker("never started")
del g
print("not started: nothing")
def cyclic():
    me = yield
    try:
        yield "running"
    finally:
        print("cyclic finally, closed over itself:", me is not None)
c = cyclic()
next(c)
c.send(c)
del c
print("before collect")
print(gc.collect() >= 1)
def stubborn():
    try:
        yield 1
    finally:
        raise ValueError("boom in finally")
s = stubborn()
next(s)
del s
print("error in finally is reported, not raised")
def exhausted():
    yield 1
e = exhausted()
list(e)
del e
print("end")
