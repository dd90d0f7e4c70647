# _thread: locks, RLock, identity.
import _thread

lock = _thread.allocate_lock()
print(type(lock).__name__, lock.locked())
print(lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(True, 0.01))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError", e)
with lock:
    print("inside", lock.locked())
print("after", lock.locked())
try:
    lock.acquire(False, 1)
except ValueError as e:
    print("ValueError", e)
try:
    lock.acquire(True, -5)
except ValueError as e:
    print("ValueError", e)
print(type(lock) is _thread.LockType, _thread.error is RuntimeError)

r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
r.release()
r.release()
print(r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)
with r:
    with r:
        print("nested", r._recursion_count())

print(type(_thread.get_ident()).__name__, _thread.get_ident() == _thread.get_ident())
print(_thread.TIMEOUT_MAX > 1e9, _thread._count())

loc = _thread._local()
loc.x = 5
print(loc.x)


class L(_thread._local):
    def __init__(self, v):
        self.v = v


print(L(7).v)
