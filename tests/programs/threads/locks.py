# Lock contention: N threads x M increments under a lock; RLock re-entry;
# acquire timeouts; Semaphore and BoundedSemaphore.
import threading

N, M = 8, 2000
lock = threading.Lock()
count = 0

def bump():
    global count
    for _ in range(M):
        with lock:
            count += 1

ts = [threading.Thread(target=bump) for _ in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(count, count == N * M)

r = threading.RLock()
def reenter(depth):
    with r:
        return depth if depth == 0 else reenter(depth - 1) + 1
print(reenter(5))
with r:
    with r:
        print(r._is_owned())

held = threading.Lock()
held.acquire()
got = []
t = threading.Thread(target=lambda: got.append(held.acquire(timeout=0.05)))
t.start()
t.join()
print(got, held.acquire(blocking=False))
held.release()
print(held.acquire(blocking=False), held.locked())
held.release()
try:
    held.release()
except RuntimeError as e:
    print("RuntimeError", e)

sem = threading.Semaphore(2)
inside = 0
peak = 0
guard = threading.Lock()
def use():
    global inside, peak
    with sem:
        with guard:
            inside += 1
            peak = max(peak, inside)
        for _ in range(2000):
            pass
        with guard:
            inside -= 1
ts = [threading.Thread(target=use) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(peak <= 2, inside)
b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError", e)
