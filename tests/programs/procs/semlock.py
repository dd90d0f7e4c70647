# _multiprocessing.SemLock over POSIX named semaphores.
import os
import _multiprocessing as mp

RECURSIVE_MUTEX, SEMAPHORE = 0, 1
tag = os.getpid()
print(sorted(mp.flags.items()), mp.SemLock.SEM_VALUE_MAX)

s = mp.SemLock(SEMAPHORE, 1, 5, '/tp-sem-a%d' % tag, True)
print(s.name, s.kind, s.maxvalue, type(s.handle).__name__)
print(s.acquire(), s.acquire(False), s.acquire(timeout=0.01), s.acquire(True, -1))
print(s._count(), s._is_mine(), s._get_value(), s._is_zero())
s.release()
print(s._get_value(), s._count())
s._after_fork()
print(s._count())

def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)

attempt(mp.SemLock, 5, 1, 1, '/x', True)
attempt(mp.SemLock, 1, 1, 1)
attempt(s.acquire, 1, 2, 3)
attempt(s.acquire, timeout='x')
attempt(mp.sem_unlink, '/tp-no-such-sem')

r = mp.SemLock(RECURSIVE_MUTEX, 1, 1, '/tp-sem-r%d' % tag, True)
print(r.acquire(), r.acquire(), r._count(), r._get_value())
r.release()
r.release()
attempt(r.release)
print(r._count(), r._get_value())

b = mp.SemLock(SEMAPHORE, 1, 1, '/tp-sem-b%d' % tag, True)
attempt(b.release)
with b:
    print('inside', b._get_value(), b._count(), b._is_zero())
print('after', b._get_value())

# A named semaphore shared with a forked child through _rebuild.
name = '/tp-sem-n%d' % tag
n = mp.SemLock(SEMAPHORE, 0, 1, name, False)
print(n.name == name)
attempt(mp.SemLock, SEMAPHORE, 0, 1, name, False)
pid = os.fork()
if pid == 0:
    try:
        child = mp.SemLock._rebuild(n.handle, SEMAPHORE, 1, name)
        child.release()
    finally:
        os._exit(0)
print('from child:', n.acquire(timeout=10))
os.waitpid(pid, 0)
mp.sem_unlink(name)
attempt(mp.sem_unlink, name)
attempt(mp.SemLock._rebuild, None, SEMAPHORE, 1, name)

class Sub(mp.SemLock):
    pass
print(type(Sub(SEMAPHORE, 2, 2, '/tp-sem-s%d' % tag, True)).__name__)
