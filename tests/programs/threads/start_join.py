# threading.Thread start/join, results, names, enumerate/active_count.
import threading

results = {}

def work(n):
    results[n] = sum(i * i for i in range(n * 1000))

threads = [threading.Thread(target=work, args=(n,), name=f"worker-{n}") for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
print([t.name for t in threads], [t.is_alive() for t in threads])
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), [t.name for t in threading.enumerate()])

seen = []
gate = threading.Event()
def named():
    seen.append(threading.current_thread().name)
    seen.append(threading.active_count())
    gate.wait()
t = threading.Thread(target=named, name="solo")
t.start()
while len(seen) < 2:
    pass
print(seen, sorted(x.name for x in threading.enumerate()))
gate.set()
t.join()
print(t.ident is not None, t.native_id is not None, threading.get_ident() != t.ident)
