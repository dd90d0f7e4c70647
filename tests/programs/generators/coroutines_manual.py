class Sleep:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        got = yield f"sleep {self.n}"
        return f"woke with {got}"
async def worker(name):
    r1 = await Sleep(1)
    r2 = await Sleep(2)
    return f"{name}: {r1}, {r2}"
coro = worker("w")
print(type(coro).__name__)
print(coro.send(None))
print(coro.send("a"))
try:
    coro.send("b")
except StopIteration as e:
    print("result:", e.value)
async def nested():
    return await worker("inner")
c = nested()
steps = []
try:
    v = c.send(None)
    while True:
        steps.append(v)
        v = c.send(len(steps))
except StopIteration as e:
    print(steps, e.value)
c2 = worker("unused")
c2.close()
print("closed unstarted coroutine")
