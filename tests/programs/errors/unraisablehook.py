# Exceptions that cannot be raised (__del__, weakref callbacks, threads)
# go through sys.unraisablehook with an UnraisableHookArgs; a failing hook
# is reported by the default one; sys.__unraisablehook__ restores it.
import _thread
import io
import sys
import weakref

print(sys.unraisablehook is sys.__unraisablehook__)
seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.err_msg,
                 args.exc_traceback is not None, type(args).__name__, len(args)))
    seen.append(args.object)


class C:
    def __del__(self):
        raise ValueError("in del")


sys.unraisablehook = hook
C()
print(seen[0], seen[1] is C.__del__)
seen.clear()


class Target:
    pass


def callback(ref):
    raise KeyError("in callback")


t = Target()
r = weakref.ref(t, callback)
del t
print(seen[0], seen[1] is callback)
seen.clear()


def task():
    try:
        raise OSError("in thread")
    finally:
        lock.release()


lock = _thread.allocate_lock()
lock.acquire()
_thread.start_new_thread(task, ())
lock.acquire()
while not seen:
    pass
print(seen[0], seen[1] is task)


def bad_hook(args):
    raise RuntimeError("hook broke")


old = sys.stderr
sys.stderr = buf = io.StringIO()
sys.unraisablehook = bad_hook
C()
sys.unraisablehook = sys.__unraisablehook__
C()
sys.stderr = old
lines = buf.getvalue().splitlines()
print(lines[0].split(" at ")[0], lines[-1])
print(lines[4].split(" at ")[0])
