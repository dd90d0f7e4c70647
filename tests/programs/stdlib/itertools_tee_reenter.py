# A tee's source is read by one reader at a time: re-entering it (from the
# source's own __next__, or from another thread while one reads) raises
# RuntimeError instead of reading the source twice (or hanging).
import threading
from itertools import tee


class Reenter:
    first = True

    def __iter__(self):
        return self

    def __next__(self):
        first, self.first = self.first, False
        if first:
            return next(b)
        return 7


a, b = tee(Reenter())
try:
    next(a)
except RuntimeError as e:
    print("RuntimeError", e)
print(next(a), next(b))

start = threading.Event()
finish = threading.Event()


class Slow:
    def __iter__(self):
        return self

    def __next__(self):
        start.set()
        finish.wait()
        return 1


a, b = tee(Slow())
results = []
thread = threading.Thread(target=lambda: results.append(next(a)))
thread.start()
try:
    start.wait()
    try:
        next(b)
    except RuntimeError as e:
        print("RuntimeError", e)
finally:
    finish.set()
    thread.join()
print(results, next(b))
