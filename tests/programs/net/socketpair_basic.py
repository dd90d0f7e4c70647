# socketpair: send/recv, recv_into, sendmsg/recvmsg with SCM_RIGHTS, shutdown.
import os
import socket
import struct


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


a, b = socket.socketpair()
print(type(a).__name__, a.family, a.type, a.proto, a.family == socket.AF_UNIX)
print("timeouts", a.gettimeout(), a.getblocking())
print("sent", a.send(b"hello world"))
print("recv", b.recv(5), b.recv(100))
a.sendall(b"abc" * 1000)
got = b""
while len(got) < 3000:
    got += b.recv(65536)
print("sendall", len(got), got[:6])

buf = bytearray(8)
b.send(b"12345")
print("recv_into", a.recv_into(buf), buf)
b.send(b"abcdefgh")
print("recv_into nbytes", a.recv_into(buf, 3), buf)
print("rest", a.recv(10))
mv = memoryview(bytearray(6))
b.send(b"xyz")
print("recv_into memoryview", a.recv_into(mv[2:]), bytes(mv))
b.send(b"from")
data, addr = a.recvfrom(10)
print("recvfrom", data, addr)

print("peek", a.send(b"peek") and b.recv(10, socket.MSG_PEEK), b.recv(10))
show("recv negative", lambda: a.recv(-1))
show("send str", lambda: a.send("text"))

# pass one end of another socketpair over the socket
p, q = socket.socketpair()
print("sendmsg", a.sendmsg([b"fd", b"!"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, struct.pack("i", p.fileno()))]))
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(4))
print("recvmsg", msg, len(anc), anc[0][0] == socket.SOL_SOCKET, anc[0][1] == socket.SCM_RIGHTS, flags, addr)
newfd = struct.unpack("i", anc[0][2])[0]
passed = socket.socket(fileno=newfd)
print("passed socket", passed.family == socket.AF_UNIX, passed.type == socket.SOCK_STREAM, newfd != p.fileno())
q.sendall(b"through the passed fd")
print("passed fd reads", passed.recv(100))
for s in (p, q, passed):
    s.close()

# socket.send_fds / recv_fds (array-based)
p, q = socket.socketpair()
print("send_fds", socket.send_fds(a, [b"two fds"], [p.fileno(), q.fileno()]))
msg, fds, flags, addr = socket.recv_fds(b, 100, 4)
print("recv_fds", msg, len(fds), flags, addr)
for fd in fds:
    socket.socket(fileno=fd).close()
p.close()
q.close()

a.sendmsg([b"plain"])
print("recvmsg plain", b.recvmsg(100))
print("CMSG", socket.CMSG_LEN(4), socket.CMSG_SPACE(4), socket.CMSG_LEN(0), socket.CMSG_SPACE(1))

a.shutdown(socket.SHUT_WR)
print("eof", b.recv(10))
print("inheritable", a.get_inheritable(), b.get_inheritable())
fd = a.fileno()
c = a.dup()
print("dup", c.fileno() != fd, c.family == a.family)
c.close()
print("closed fileno", c.fileno(), c._closed)
d = a.detach()
print("detached", a.fileno(), d == fd)
os.close(d)
b.close()
show("recv closed", lambda: b.recv(1))
x, y = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
x.send(b"one")
x.send(b"two")
print("dgram", y.recv(100), y.recv(100), x.type == socket.SOCK_DGRAM)
x.close()
y.close()
