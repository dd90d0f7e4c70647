# socket.makefile over a socketpair, timeouts (TimeoutError "timed out"),
# blocking modes and the default timeout.
import socket

a, b = socket.socketpair()
wf = a.makefile("wb")
rf = b.makefile("rb")
wf.write(b"line one\nline two\n")
wf.flush()
print("readline", rf.readline(), rf.readline())
tw = a.makefile("w", encoding="utf-8", newline="\n")
tr = b.makefile("r", encoding="utf-8")
tw.write("text é\n")
tw.flush()
print("text", repr(tr.readline()))
print("mode", rf.mode, tw.mode, rf.name == b.fileno())
wf.close()
rf.close()
tw.close()
tr.close()

b.settimeout(0.05)
print("timeout", b.gettimeout(), b.getblocking(), b.timeout)
try:
    b.recv(10)
except socket.timeout as e:
    print("recv", type(e).__name__, e, e.errno, e.args)
rfile = b.makefile("rb")
try:
    rfile.read(5)
except TimeoutError as e:
    print("makefile read", type(e).__name__, e)
rfile.close()

b.setblocking(False)
print("non-blocking", b.gettimeout(), b.getblocking())
try:
    b.recv(10)
except BlockingIOError as e:
    print("recv", type(e).__name__, e.errno)
b.setblocking(True)
print("blocking", b.gettimeout(), b.getblocking())
b.settimeout(None)
print("none", b.gettimeout())
for bad in (-1, "x", 1 << 64, 1e300):
    try:
        b.settimeout(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print("settimeout", repr(bad), type(e).__name__, e)

print("default", socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
c, d = socket.socketpair()
s = socket.socket()
print("default applied", socket.getdefaulttimeout(), c.gettimeout(), s.gettimeout())
socket.setdefaulttimeout(None)
print("reset", socket.getdefaulttimeout(), socket.socket().gettimeout())
try:
    socket.setdefaulttimeout(-3)
except ValueError as e:
    print("setdefaulttimeout", e)

# a full send buffer with a timeout
a.settimeout(0.05)
sent = 0
try:
    while True:
        sent += a.send(b"x" * 65536)
except TimeoutError as e:
    print("send filled", sent > 0, e)
for sock in (a, b, c, d, s):
    sock.close()
nb = socket.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
print("SOCK_NONBLOCK", nb.gettimeout(), nb.type == socket.SOCK_STREAM)
nb.close()
