# A signal handler's exception surfaces right after the native call that
# delivered the signal (CPython 3.11 checks the eval breaker after calls),
# before the next statement of the same block runs.
import _thread
import os
import signal
import threading


class Boom(Exception):
    pass


def handler(signum, frame):
    raise Boom(signal.Signals(signum).name)


signal.signal(signal.SIGUSR1, handler)


def kill_then_append(done):
    os.kill(os.getpid(), signal.SIGUSR1)
    done.append("after kill")


def raise_then_append(done):
    signal.raise_signal(signal.SIGUSR1); done.append("same line")


def kill_in_expression(done):
    x = [os.kill(os.getpid(), signal.SIGUSR1), done.append("in expression")]
    return x


def interrupt_then_append(done):
    _thread.interrupt_main(signal.SIGUSR1)
    done.append("after interrupt_main")


def pthread_kill_then_append(done):
    signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
    done.append("after pthread_kill")


def kill_star_args(done):
    os.kill(*(os.getpid(), signal.SIGUSR1))
    done.append("after f(*args)")


tests = (
    kill_then_append,
    raise_then_append,
    kill_in_expression,
    interrupt_then_append,
    pthread_kill_then_append,
    kill_star_args,
)
for f in tests:
    done = []
    try:
        f(done)
    except Boom as e:
        tb = e.__traceback__
        lines = []
        while tb is not None:
            lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - f.__code__.co_firstlineno))
            tb = tb.tb_next
        print(f.__name__, "Boom", e, done, lines[1:])
    else:
        print(f.__name__, "no exception", done)

# Inside a loop, the iteration of the call is the one that raises.
count = 0
try:
    for i in range(10):
        count += 1
        if i == 3:
            os.kill(os.getpid(), signal.SIGUSR1)
        count += 100
except Boom:
    print("loop stopped at", i, count)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)

# The default SIGINT handler: KeyboardInterrupt right after interrupt_main().
done = []
try:
    _thread.interrupt_main()
    done.append(1)
    done.append(2)
except KeyboardInterrupt:
    print("KeyboardInterrupt", done)
print("done")
