# SIGINT raises KeyboardInterrupt through default_int_handler, where the
# signal is delivered; it can be caught, ignored and re-enabled.
import os
import signal

print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    signal.raise_signal(signal.SIGINT)
    print("not reached")
except KeyboardInterrupt as e:
    print("caught", repr(e), e.args, isinstance(e, Exception), isinstance(e, BaseException))


def deep(n):
    if n == 0:
        os.kill(os.getpid(), signal.SIGINT)
        return "not reached"
    return deep(n - 1)


try:
    deep(5)
except KeyboardInterrupt as e:
    tb = e.__traceback__
    depth = 0
    while tb is not None:
        depth += 1
        tb = tb.tb_next
    print("traceback entries", depth)

try:
    signal.default_int_handler(signal.SIGINT, None)
except KeyboardInterrupt:
    print("default_int_handler raises KeyboardInterrupt")

old = signal.signal(signal.SIGINT, signal.SIG_IGN)
print(old is signal.default_int_handler)
signal.raise_signal(signal.SIGINT)
print("ignored SIGINT")

signal.signal(signal.SIGINT, lambda s, f: print("custom SIGINT", s))
signal.raise_signal(signal.SIGINT)

signal.signal(signal.SIGINT, signal.default_int_handler)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    try:
        signal.raise_signal(signal.SIGINT)
    finally:
        print("finally runs")
except KeyboardInterrupt:
    print("caught again")


def handler_raising(signum, frame):
    raise KeyboardInterrupt("from handler")


signal.signal(signal.SIGUSR1, handler_raising)
try:
    signal.raise_signal(signal.SIGUSR1)
except KeyboardInterrupt as e:
    print("caught", e)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)

# A KeyboardInterrupt is not caught by "except Exception".
try:
    try:
        signal.raise_signal(signal.SIGINT)
    except Exception:
        print("wrong handler")
except BaseException as e:
    print("outer", type(e).__name__)

# _thread.interrupt_main simulates the signal's arrival.
import _thread

try:
    _thread.interrupt_main()
    for _ in range(3):
        pass
    print("not reached")
except KeyboardInterrupt:
    print("interrupt_main raised KeyboardInterrupt")
for bad in (0, 100, "x"):
    try:
        _thread.interrupt_main(bad)
    except BaseException as e:
        print(type(e).__name__, e)
signal.signal(signal.SIGUSR2, lambda s, f: print("interrupt_main ran handler", s))
_thread.interrupt_main(signal.SIGUSR2)
for _ in range(3):
    pass
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
_thread.interrupt_main(signal.SIGUSR2)
print("ignored signal dropped")
signal.signal(signal.SIGUSR2, signal.SIG_DFL)
_thread.interrupt_main(signal.SIGUSR2)
print("default signal dropped")
