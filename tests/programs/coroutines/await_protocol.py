# Coroutines driven by hand: send/throw/close, __await__, cr_* attributes.
class Sleep:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        got = yield ("sleep", self.n)
        return got * 2


async def add(a, b):
    x = await Sleep(a)
    y = await Sleep(b)
    return x + y


async def outer():
    r = await add(1, 2)
    return r + 100


def run(coro):
    trace = []
    value = None
    try:
        while True:
            trace.append(coro.send(value))
            value = len(trace)
    except StopIteration as e:
        return trace, e.value


print(run(outer()))

c = add(3, 4)
print(type(c).__name__, c.cr_running, c.cr_await, c.cr_frame is not None)
print(c.cr_code.co_name, c.__name__, c.__qualname__)
print(repr(c).startswith("<coroutine object add at 0x"))
print(c.send(None))
print(type(c.cr_await).__name__, c.cr_suspended)
try:
    c.throw(ValueError("boom"))
except ValueError as e:
    print("thrown out:", e)
print(c.cr_frame, c.cr_await)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
c.close()

c = add(1, 1)
try:
    c.send(5)
except TypeError as e:
    print("TypeError:", e)
c.close()

# close() runs finally blocks
async def guarded():
    try:
        await Sleep(1)
    finally:
        print("finally ran")

g = guarded()
g.send(None)
g.close()
print(g.cr_frame)

# ignoring GeneratorExit
async def stubborn():
    while True:
        try:
            await Sleep(0)
        except GeneratorExit:
            pass

s = stubborn()
s.send(None)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

# __await__ errors
class NoIter:
    def __await__(self):
        return 42

class GivesCoro:
    def __await__(self):
        return add(1, 2)

async def await_it(x):
    return await x

for bad in (42, NoIter(), GivesCoro()):
    co = await_it(bad)
    try:
        co.send(None)
    except TypeError as e:
        print("TypeError:", e)

# a coroutine is not iterable and awaits only once
co = add(1, 1)
try:
    iter(co)
except TypeError as e:
    print("TypeError:", e)
w = co.__await__()
print(type(w).__name__, iter(w) is w)
print(next(w))
try:
    w.send(1)
    w.send(2)
except StopIteration as e:
    print("wrapper result:", e.value)

async def twice(co):
    return await co

inner = add(1, 1)
holder = twice(inner)
holder.send(None)
again = twice(inner)
try:
    again.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
holder.close()
again.close()

def plain():
    yield 1

async def awaits_plain():
    await plain()

p = awaits_plain()
try:
    p.send(None)
except TypeError as e:
    print("TypeError:", e)

# StopIteration inside a coroutine
async def raises_stop():
    raise StopIteration(7)

r = raises_stop()
try:
    r.send(None)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
