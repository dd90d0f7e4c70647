# Async generators, async for, async with and async comprehensions,
# driven by a tiny hand-written loop (no asyncio).


class Tick:
    def __await__(self):
        v = yield "tick"
        return v


def run(coro):
    log = []
    try:
        v = coro.send(None)
        while True:
            log.append(v)
            v = coro.send(len(log))
    except StopIteration as e:
        return e.value, log


async def countdown(n):
    while n > 0:
        got = await Tick()
        yield (n, got)
        n -= 1
    print("countdown done")


async def consume():
    out = []
    async for item in countdown(3):
        out.append(item)
    return out


print(run(consume()))


async def comprehension():
    squares = [x * x async for x in plain_agen(5)]
    evens = {x async for x in plain_agen(6) if x % 2 == 0}
    mapping = {x: str(x) async for x in plain_agen(3)}
    awaited = [await echo(i) for i in range(3)]
    return squares, sorted(evens), mapping, awaited


async def plain_agen(n):
    for i in range(n):
        yield i


async def echo(x):
    await Tick()
    return x * 10


print(run(comprehension()))


class Manager:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        print("enter", self.name, await Tick())
        return self.name.upper()

    async def __aexit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None, val)
        await Tick()
        return self.swallow


async def with_blocks():
    async with Manager("a") as a, Manager("b") as b:
        print("body", a, b)
    async with Manager("c", swallow=True):
        raise ValueError("swallowed")
    try:
        async with Manager("d"):
            raise KeyError("escapes")
    except KeyError as e:
        print("caught", e)
    return "with done"


print(run(with_blocks()))


# The async generator protocol by hand.
agen = plain_agen(2)
print(type(agen).__name__, agen.__aiter__() is agen, agen.ag_running)
print(agen.__name__, agen.__qualname__, agen.ag_code.co_name, agen.ag_await)
print(repr(agen).startswith("<async_generator object plain_agen at 0x"))
aw = agen.__anext__()
print(type(aw).__name__)
try:
    aw.send(None)
except StopIteration as e:
    print("first item", e.value)
try:
    aw.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
a2 = agen.asend(None)
try:
    next(a2)
except StopIteration as e:
    print("second item", e.value)
a3 = agen.__anext__()
try:
    a3.send(None)
except StopAsyncIteration:
    print("exhausted")


async def closing_gen():
    try:
        yield 1
        yield 2
    finally:
        print("agen finally")


g = closing_gen()
try:
    g.asend(None).send(None)
except StopIteration as e:
    print("got", e.value)
c = g.aclose()
print(type(c).__name__)
try:
    c.send(None)
except StopIteration:
    print("aclose finished")
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


async def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield f"handled {e}"


g = catcher()
try:
    g.asend(None).send(None)
except StopIteration as e:
    print(e.value)
t = g.athrow(ValueError, ValueError("oops"))
try:
    t.send(None)
except StopIteration as e:
    print(e.value)
t = g.athrow(KeyError("k"))
try:
    t.send(None)
except KeyError as e:
    print("propagated", e)


async def ignores_exit():
    while True:
        try:
            yield 1
        except GeneratorExit:
            pass


g = ignores_exit()
try:
    g.asend(None).send(None)
except StopIteration:
    pass
try:
    g.aclose().send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


async def bad_stop():
    yield 1
    raise StopAsyncIteration


g = bad_stop()
try:
    g.asend(None).send(None)
except StopIteration:
    pass
try:
    g.asend(None).send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


# Protocol errors.
async def for_over(x):
    async for _ in x:
        pass


class NoANext:
    def __aiter__(self):
        return 5


class BadANext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


for bad in ([1, 2], NoANext(), BadANext()):
    try:
        run(for_over(bad))
    except TypeError as e:
        print("TypeError:", e)


class NotAsyncCM:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass


class EnterNotAwaitable:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        pass


async def with_bad(cm):
    async with cm:
        pass


for cm in (NotAsyncCM(), EnterNotAwaitable()):
    try:
        run(with_bad(cm))
    except TypeError as e:
        print("TypeError:", e)


# A class-based async iterator.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await Tick()
        return self.n


async def class_iter():
    return [x async for x in Countdown(3)]


print(run(class_iter()))
