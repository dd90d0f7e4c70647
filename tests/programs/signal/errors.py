# The errors of the signal module, as CPython 3.11 raises them.
import signal


def attempt(label, f, *args):
    try:
        r = f(*args)
    except BaseException as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", r)


def h(signum, frame):
    pass


attempt("signal 0", signal.signal, 0, h)
attempt("signal -1", signal.signal, -1, h)
attempt("signal NSIG", signal.signal, signal.NSIG, h)
attempt("signal 1000", signal.signal, 1000, signal.SIG_IGN)
attempt("signal huge", signal.signal, 2**40, h)
attempt("signal float", signal.signal, 2.0, h)
attempt("signal str", signal.signal, "SIGINT", h)
attempt("handler int", signal.signal, signal.SIGUSR1, 5)
attempt("handler None", signal.signal, signal.SIGUSR1, None)
attempt("handler str", signal.signal, signal.SIGUSR1, "ignore")
attempt("handler True", signal.signal, signal.SIGUSR1, True)
attempt("SIGKILL", signal.signal, signal.SIGKILL, h)
attempt("SIGSTOP", signal.signal, signal.SIGSTOP, signal.SIG_IGN)
attempt("getsignal 0", signal.getsignal, 0)
attempt("getsignal 65", signal.getsignal, 65)
attempt("getsignal str", signal.getsignal, "x")
attempt("strsignal 0", signal.strsignal, 0)
attempt("strsignal 99", signal.strsignal, 99)
attempt("raise_signal 0", signal.raise_signal, 0)
attempt("raise_signal -3", signal.raise_signal, -3)
attempt("siginterrupt 0", signal.siginterrupt, 0, 1)
attempt("default_int_handler no args", signal.default_int_handler)
attempt("default_int_handler", signal.default_int_handler, 2, None)
attempt("setitimer bad which", signal.setitimer, 99, 1.0)
attempt("getitimer bad which", signal.getitimer, -1)
attempt("pthread_sigmask bad how", signal.pthread_sigmask, 12345, [])
attempt("pthread_sigmask bad signal", signal.pthread_sigmask, signal.SIG_BLOCK, [0])
attempt("pthread_sigmask big signal", signal.pthread_sigmask, signal.SIG_BLOCK, [200])
attempt("alarm str", signal.alarm, "1")
attempt("set_wakeup_fd bad fd", signal.set_wakeup_fd, 12345)
attempt("set_wakeup_fd -1", signal.set_wakeup_fd, -1)
try:
    signal.setitimer(99, 1.0)
except signal.ItimerError as e:
    print(type(e), isinstance(e, OSError), e.errno, e.strerror)
print(signal.ItimerError.__name__, signal.ItimerError.__module__, signal.ItimerError.__mro__[1])
attempt("sigtimedwait negative", signal.sigtimedwait, [signal.SIGUSR1], -1)
attempt("sigtimedwait zero", signal.sigtimedwait, [signal.SIGUSR1], 0)
attempt("pidfd_send_signal siginfo", signal.pidfd_send_signal, 0, signal.SIGUSR1, 1)
attempt("pidfd_send_signal bad fd", signal.pidfd_send_signal, -1, signal.SIGUSR1)
print(signal.getsignal(signal.SIGUSR1))
