# multiprocessing with the fork start method: Process and exit codes,
# Lock, RLock, Semaphore, Value shared with the children.
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

counter = ctx.Value('i', 0)
lock = ctx.Lock()

def add(n):
    for _ in range(n):
        with lock:
            counter.value += 1

procs = [ctx.Process(target=add, args=(50,)) for _ in range(3)]
for p in procs:
    p.start()
for p in procs:
    p.join()
print('counter', counter.value, [p.exitcode for p in procs])

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
arr = ctx.Array('d', [1.0, 2.0])

def double():
    for i in range(len(arr)):
        arr[i] *= 2

p = ctx.Process(target=double)
p.start()
p.join()
print('array', list(arr))
print('start method', ctx.get_start_method())
