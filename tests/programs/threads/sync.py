# Condition, Event, Barrier, Timer, queue.Queue producer/consumer.
import threading, queue

cond = threading.Condition()
items = []
def consumer(out):
    with cond:
        while not items:
            cond.wait()
        out.append(items.pop())
out = []
cs = [threading.Thread(target=consumer, args=(out,)) for _ in range(3)]
for c in cs:
    c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify()
for c in cs:
    c.join()
print(sorted(out))

ev = threading.Event()
flags = []
ws = [threading.Thread(target=lambda: flags.append(ev.wait(10))) for _ in range(4)]
for w in ws:
    w.start()
ev.set()
for w in ws:
    w.join()
print(flags, ev.is_set())

barrier = threading.Barrier(4)
order = []
olock = threading.Lock()
def phase(i):
    with olock:
        order.append(("a", i))
    barrier.wait()
    with olock:
        order.append(("b", i))
ts = [threading.Thread(target=phase, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(all(x[0] == "a" for x in order[:4]), all(x[0] == "b" for x in order[4:]))

fired = threading.Event()
timer = threading.Timer(0.01, fired.set)
timer.start()
print(fired.wait(10))
timer.join()
cancelled = threading.Timer(10, fired.clear)
cancelled.start()
cancelled.cancel()
cancelled.join()
print(fired.is_set())

q = queue.Queue(maxsize=5)
def produce():
    for i in range(200):
        q.put(i)
    q.put(None)
got = []
def consume():
    while (x := q.get()) is not None:
        got.append(x)
        q.task_done()
    q.task_done()
p = threading.Thread(target=produce)
c = threading.Thread(target=consume)
c.start()
p.start()
q.join()
p.join()
c.join()
print(len(got), sum(got), got == sorted(got))
