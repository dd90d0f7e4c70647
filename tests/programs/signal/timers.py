# alarm and setitimer: a handler that raises interrupts a sleep or a loop;
# the exception propagates from where the signal is handled.
import signal
import time


class Timeout(Exception):
    pass


def raise_timeout(signum, frame):
    raise Timeout(signal.Signals(signum).name)


signal.signal(signal.SIGALRM, raise_timeout)
print(signal.alarm(0))

# setitimer + a sleep that the handler's exception ends (PEP 475 retry
# would otherwise sleep on).
signal.setitimer(signal.ITIMER_REAL, 0.02)
try:
    time.sleep(30)
    print("slept")
except Timeout as e:
    print("sleep interrupted by", e)
print(signal.getitimer(signal.ITIMER_REAL))

# A handler that does not raise: the sleep carries on to its end.
ticks = []
signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.01)
time.sleep(0.05)
print("ticks after sleep", ticks)

# A busy loop is interrupted at a backward jump.
signal.signal(signal.SIGALRM, raise_timeout)
signal.setitimer(signal.ITIMER_REAL, 0.02)
n = 0
try:
    while True:
        n += 1
except Timeout as e:
    print("loop interrupted", n > 0, e)


def spin():
    i = 0
    while i >= 0:
        i += 1


signal.setitimer(signal.ITIMER_REAL, 0.02)
try:
    spin()
except Timeout as e:
    print("spin interrupted", e.__traceback__.tb_next.tb_frame.f_code.co_name)

# A periodic timer fires several times; setitimer returns the old timer.
count = []
signal.signal(signal.SIGALRM, lambda s, f: count.append(1))
old = signal.setitimer(signal.ITIMER_REAL, 0.005, 0.005)
print("old timer", old)
while len(count) < 3:
    pass
delay, interval = signal.setitimer(signal.ITIMER_REAL, 0)
print("periodic", len(count) >= 3, 0 < delay <= 0.005, interval)
print(signal.getitimer(signal.ITIMER_REAL))

# alarm() returns the seconds left of the previous alarm.
print(signal.alarm(100))
print(signal.alarm(0))

# pause() returns after the handler ran.
signal.setitimer(signal.ITIMER_REAL, 0.01)
signal.pause()
print("paused", len(count) >= 4)

# A handler that raises in the middle of a for loop over a range.
signal.signal(signal.SIGALRM, raise_timeout)
signal.setitimer(signal.ITIMER_REAL, 0.01)
try:
    for i in range(10**12):
        pass
except Timeout:
    print("for loop interrupted")
signal.signal(signal.SIGALRM, signal.SIG_DFL)
print(signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)
