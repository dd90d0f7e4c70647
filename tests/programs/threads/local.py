# threading.local: each thread sees its own attributes; a subclass's
# __init__ runs again (with the constructor's arguments) in each thread.
import threading

data = threading.local()
data.x = "main"
seen = {}


def worker(n):
    seen[n] = [hasattr(data, "x")]
    data.x = n
    data.y = n * 10
    seen[n].append((data.x, data.y, sorted(data.__dict__)))


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen.items()))
print(data.x, hasattr(data, "y"), data.__dict__)


class Counter(threading.local):
    inits = 0

    def __init__(self, start, *, step=1):
        Counter.inits += 1
        self.value = start
        self.step = step

    def bump(self):
        self.value += self.step
        return self.value


c = Counter(100, step=5)
results = []


def use_counter():
    results.append((c.bump(), c.bump()))


ts = [threading.Thread(target=use_counter) for _ in range(3)]
for t in ts:
    t.start()
    t.join()
print(results, c.value, Counter.inits)

try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
try:
    data.__dict__ = {}
except AttributeError as e:
    print("AttributeError:", e)
del data.x
print(hasattr(data, "x"))
try:
    del data.nothing
except AttributeError as e:
    print("AttributeError:", e)


class Failing(threading.local):
    def __init__(self):
        if threading.current_thread() is not threading.main_thread():
            raise ValueError("no init here")
        self.ok = True


f = Failing()
errors = []


def touch():
    try:
        f.ok
    except ValueError as e:
        errors.append(str(e))


t = threading.Thread(target=touch)
t.start()
t.join()
print(errors, f.ok)
