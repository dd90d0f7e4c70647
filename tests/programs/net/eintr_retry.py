# PEP 475: blocking socket and select calls interrupted by a signal run the
# handler and resume; an exception from the handler propagates.
import select
import signal
import socket

a, b = socket.socketpair()
events = []


def send_from_handler(signum, frame):
    events.append("handler")
    a.send(b"sent by the handler")


signal.signal(signal.SIGALRM, send_from_handler)
signal.setitimer(signal.ITIMER_REAL, 0.05)
print("recv", b.recv(100), events)

events.clear()


def note(signum, frame):
    events.append("tick")


signal.signal(signal.SIGALRM, note)
signal.setitimer(signal.ITIMER_REAL, 0.02)
r = select.select([b], [], [], 0.2)
print("select resumed", r, events)

events.clear()
signal.setitimer(signal.ITIMER_REAL, 0.02)
p = select.poll()
p.register(b, select.POLLIN)
print("poll resumed", p.poll(200), events)

events.clear()
signal.setitimer(signal.ITIMER_REAL, 0.02)
ep = select.epoll()
ep.register(b.fileno(), select.EPOLLIN)
print("epoll resumed", ep.poll(0.2), events)
ep.close()

events.clear()
b.settimeout(0.2)
signal.setitimer(signal.ITIMER_REAL, 0.02)
try:
    b.recv(10)
except TimeoutError as e:
    print("timeout kept", e, events)
b.settimeout(None)


class Stop(Exception):
    pass


def raise_stop(signum, frame):
    raise Stop("from the handler")


signal.signal(signal.SIGALRM, raise_stop)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    b.recv(10)
except Stop as e:
    print("recv interrupted", e)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    select.select([b], [], [])
except Stop as e:
    print("select interrupted", e)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    b.recv_into(bytearray(4))
except Stop as e:
    print("recv_into interrupted", e)
signal.signal(signal.SIGALRM, signal.SIG_DFL)
a.close()
b.close()
