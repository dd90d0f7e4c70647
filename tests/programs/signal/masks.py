# Signal masks, pending signals, sigwait, the constants and descriptions.
import os
import signal

got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))

old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print("old mask", sorted(old))
os.kill(os.getpid(), signal.SIGUSR1)
print("blocked", got, sorted(signal.sigpending()))
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1})
print("unblocked", got, sorted(signal.sigpending()))

signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
signal.raise_signal(signal.SIGUSR2)
print("waited for", signal.sigwait([signal.SIGUSR2]))
signal.raise_signal(signal.SIGUSR2)
info = signal.sigwaitinfo([signal.SIGUSR2])
print(type(info).__name__, info.si_signo, info.si_code, info.si_errno, info.si_pid == os.getpid(), len(info))
os.kill(os.getpid(), signal.SIGUSR2)
info = signal.sigtimedwait([signal.SIGUSR2], 1.5)
print(info.si_signo, info.si_code, info.si_uid == os.getuid(), info[0])
print(signal.sigtimedwait([signal.SIGUSR2], 0.001))
mask = signal.pthread_sigmask(signal.SIG_SETMASK, [])
print("mask was", sorted(mask))
print(type(mask).__name__, [type(s).__name__ for s in mask])

valid = signal.valid_signals()
print(type(valid).__name__, len(valid), min(valid), max(valid), 32 in valid)
print([signal.strsignal(s) for s in (1, 2, 9, 10, 11, 13, 14, 15, 17, 34, 64)])
print([(s.name, s.value) for s in sorted(signal.Signals, key=lambda s: s.value)])
print(signal.NSIG, signal.SIG_BLOCK, signal.SIG_UNBLOCK, signal.SIG_SETMASK)
print(signal.SIGRTMIN, signal.SIGRTMAX, signal.SIGCLD, signal.SIGPOLL, signal.SIGIOT)
print(repr(signal.Signals.SIGTERM), str(signal.SIGINT), signal.Handlers.SIG_IGN)
print(sorted(n for n in dir(signal) if not n.startswith("_")))
signal.siginterrupt(signal.SIGUSR1, True)
signal.siginterrupt(signal.SIGUSR1, False)
print(signal.getsignal(signal.SIGUSR1) is not None)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
