# Python-level signal handlers: installed with signal.signal, run by
# os.kill / raise_signal on the main thread, getsignal round trips.
import os
import signal

seen = []


def on_usr1(signum, frame):
    seen.append(("usr1", signum))
    print("handler got", signal.Signals(signum).name, type(frame).__name__, frame.f_code.co_name)


def on_usr2(signum, frame):
    seen.append(("usr2", signum))


print(signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL)
old = signal.signal(signal.SIGUSR1, on_usr1)
print("old handler:", old, old == signal.SIG_DFL, type(old).__name__)
print(signal.getsignal(signal.SIGUSR1) is on_usr1)

os.kill(os.getpid(), signal.SIGUSR1)
print("after kill", seen)


def sender():
    os.kill(os.getpid(), signal.SIGUSR1)
    return "sent"


print(sender(), seen[-1])
signal.raise_signal(signal.SIGUSR1)
print(len(seen))

# The handler can be any callable: a bound method, a lambda, a class.
class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, signum, frame):
        self.n += signum


c = Counter()
signal.signal(signal.SIGUSR2, c)
for _ in range(3):
    signal.raise_signal(signal.SIGUSR2)
print("counter", c.n, signal.getsignal(signal.SIGUSR2) is c)
signal.signal(signal.SIGUSR2, lambda s, f: seen.append(("lambda", s)))
signal.raise_signal(signal.SIGUSR2)
print(seen[-1])

# SIG_IGN drops the signal; SIG_DFL restores; the enum values work too.
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is on_usr1)
os.kill(os.getpid(), signal.SIGUSR1)
print("ignored", len(seen), signal.getsignal(signal.SIGUSR1))
print(signal.signal(signal.SIGUSR1, signal.Handlers.SIG_DFL))
print(signal.getsignal(signal.SIGUSR1), signal.getsignal(signal.SIGUSR1) is signal.SIG_DFL)
print(repr(signal.getsignal(signal.SIGUSR1)))

# A handler that replaces itself.
def once(signum, frame):
    print("once", signum)
    signal.signal(signum, signal.SIG_IGN)


signal.signal(signal.SIGUSR2, once)
signal.raise_signal(signal.SIGUSR2)
signal.raise_signal(signal.SIGUSR2)
print(signal.getsignal(signal.SIGUSR2))

# A handler runs between two statements of a loop.
hits = []
signal.signal(signal.SIGUSR1, lambda s, f: hits.append(len(hits)))
total = 0
for i in range(5):
    if i == 2:
        os.kill(os.getpid(), signal.SIGUSR1)
    total += i
print("loop", total, hits)

# Start-up state, as CPython sets it.
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGXFSZ))
print(signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGCHLD))
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
signal.signal(signal.SIGUSR2, signal.SIG_DFL)
