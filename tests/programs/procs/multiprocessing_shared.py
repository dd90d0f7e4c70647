# multiprocessing.Value and Array (shared ctypes memory) and Pipe with fork children.
import multiprocessing as mp

ctx = mp.get_context('fork')
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
arr = ctx.Array('d', [1.0, 2.0])

def double():
    for i in range(len(arr)):
        arr[i] *= 2

p = ctx.Process(target=double)
p.start()
p.join()
print('array', list(arr))
reader, writer = ctx.Pipe(duplex=False)

def report(n):
    for i in range(n):
        with lock:
            writer.send((n, i))

procs = [ctx.Process(target=report, args=(n,)) for n in (1, 2, 3)]
for p in procs:
    p.start()
for p in procs:
    p.join()
print('received', sorted(reader.recv() for _ in range(6)), [p.exitcode for p in procs])
