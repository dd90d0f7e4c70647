# multiprocessing with the fork start method: Process and exit codes,
# Lock, RLock, Semaphore, Event shared with the children.
import multiprocessing as mp
import os
import sys

ctx = mp.get_context('fork')

def work(code):
    sys.exit(code)

for code in (0, 3):
    p = ctx.Process(target=work, args=(code,))
    p.start()
    p.join()
    print('exitcode', p.exitcode)

def boom():
    os._exit(9)

p = ctx.Process(target=boom)
p.start()
p.join()
print('exitcode', p.exitcode, p.is_alive())

lock = ctx.Lock()
reader, writer = os.pipe()

def report(n):
    for i in range(n):
        with lock:
            os.write(writer, b'%d%d' % (n, i))

procs = [ctx.Process(target=report, args=(n,)) for n in (1, 2, 3)]
for p in procs:
    p.start()
for p in procs:
    p.join()
os.close(writer)
data = b''
while chunk := os.read(reader, 100):
    data += chunk
got = sorted(data[i:i + 2].decode() for i in range(0, len(data), 2))
print('received', got, [p.exitcode for p in procs])

sem = ctx.Semaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(False), sem.get_value())
sem.release()
print(sem.get_value())
rl = ctx.RLock()
print(rl.acquire(), rl.acquire())
rl.release()
rl.release()
b = ctx.BoundedSemaphore(1)
try:
    b.release()
except ValueError as e:
    print('ValueError', e)
ev = ctx.Event()

def setter():
    ev.set()

p = ctx.Process(target=setter)
p.start()
p.join()
print('event', ev.is_set(), ev.wait(1))
print('start method', ctx.get_start_method())
