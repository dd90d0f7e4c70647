# select.select, poll and epoll on the descriptors of a socketpair (one end
# read, the other written), and their errors.
import select
import socket


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


rs, ws = socket.socketpair()
r, w = rs.fileno(), ws.fileno()


class Wrapper:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd

    def __repr__(self):
        return "Wrapper(%s)" % ("r" if self.fd == r else "w")


rw, ww = Wrapper(r), Wrapper(w)
print("empty", select.select([rw], [], [], 0))
rl, wl, xl = select.select([rw], [ww], [rw, ww], 0)
print("writable", rl, wl, xl)
ws.send(b"hello")
rl, wl, xl = select.select([rw, r], [], [], 1.5)
print("readable", rl[0], [x == r for x in rl[1:]], wl, xl)


class Other(socket.socket):
    """A socket whose fileno() names another descriptor: select must call it."""

    def fileno(self):
        return r


o = Other(socket.AF_INET, socket.SOCK_DGRAM)
print("overridden fileno", select.select([o], [], [], 0)[0] == [o])
o.close()
print("read", rs.recv(100))
print("drained", select.select([r], [], [], 0.01)[0])

show("negative timeout", lambda: select.select([], [], [], -1))
show("bad timeout", lambda: select.select([], [], [], "x"))
show("negative fd", lambda: select.select([-1], [], [], 0))
show("big fd", lambda: select.select([5000], [], [], 0))
show("no fileno", lambda: select.select(["a"], [], [], 0))
show("not a sequence", lambda: select.select(3, [], []))


class BadFileno:
    def fileno(self):
        return "x"


show("bad fileno", lambda: select.select([BadFileno()], [], [], 0))

# poll
p = select.poll()
p.register(r, select.POLLIN)
p.register(w)
print("poll writable", sorted(p.poll(0)) == [(w, select.POLLOUT)])
ws.send(b"x")
ready = dict(p.poll(100))
print("poll both", ready[r] == select.POLLIN, ready[w] == select.POLLOUT)
p.modify(w, select.POLLIN)
print("after modify", p.poll(0) == [(r, select.POLLIN)])
p.unregister(w)
try:
    p.unregister(w)
except KeyError as e:
    print("unregister again KeyError", e.args == (w,))
show("modify unknown", lambda: p.modify(w, 1))
show("poll bad timeout", lambda: p.poll("x"))
show("register negative", lambda: p.register(-1))
print("poll float timeout", p.poll(1.5) == [(r, select.POLLIN)])
rs.recv(1)
print("poll none ready", p.poll(1))

# epoll
ep = select.epoll()
print("epoll", type(ep).__name__, ep.closed, ep.fileno() >= 0)
ep.register(r, select.EPOLLIN)
ep.register(w, select.EPOLLOUT)
show("register twice", lambda: ep.register(r, select.EPOLLIN))
print("epoll out", ep.poll(0) == [(w, select.EPOLLOUT)])
ws.send(b"yz")
print("epoll both", sorted(ep.poll(1, 10)) == sorted([(r, select.EPOLLIN), (w, select.EPOLLOUT)]))
ep.modify(w, select.EPOLLIN)
print("epoll in", ep.poll(timeout=0.5) == [(r, select.EPOLLIN)])
ep.unregister(w)
show("unregister unknown", lambda: ep.unregister(w))
show("maxevents 0", lambda: ep.poll(0, 0))
show("epoll bad timeout", lambda: ep.poll("x"))
show("sizehint 0", lambda: select.epoll(0))
with select.epoll() as e2:
    print("with", e2.closed)
print("after with", e2.closed)
ep.close()
ep.close()
print("closed", ep.closed)
show("poll closed", lambda: ep.poll())
show("fileno closed", lambda: ep.fileno())

ws.send(b"!")
ws.close()
print("hup readable", select.select([r], [], [], 0)[0] == [r])
p2 = select.poll()
p2.register(r, select.POLLIN)
print("hup", [(fd == r, ev & select.POLLIN != 0) for fd, ev in p2.poll(0)])
rs.close()
print("constants", select.PIPE_BUF, select.POLLNVAL, select.EPOLLET, select.EPOLLRDHUP, select.error is OSError)

# fileno() shrinking the list select() is reading (CPython re-reads its length)
rs, ws = socket.socketpair()
shrinking = []


class Shrinks:
    def fileno(self):
        del shrinking[-1]
        return ws.fileno()


shrinking[:] = [Shrinks()] * 10
res = select.select([], shrinking, [], 0)
print("mutated list", len(res[1]), len(shrinking), res[1] == shrinking)
show("poll instance", lambda: type(select.poll())())
q = select.poll()
show("mask negative", lambda: q.register(0, -1))
show("mask too big", lambda: q.register(0, 1 << 64))
show("mask 65536", lambda: q.modify(0, 65536))
show("poll timeout too big", lambda: q.poll(1 << 64))
rs.close()
ws.close()
show("select timeout int too big", lambda: select.select([], [], [], 1 << 64))
show("select timeout float too big", lambda: select.select([], [], [], 1e300))
show("select timeout NaN", lambda: select.select([], [], [], float("nan")))
show("poll timeout over INT_MAX ms", lambda: select.poll().poll(1 << 40))
show("epoll timeout too big", lambda: select.epoll().poll(1 << 40))
