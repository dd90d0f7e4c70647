# UDP over 127.0.0.1 and ::1, socket subclasses, weak references, fromfd,
# and socket objects as context managers.
import gc
import socket
import weakref

r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.bind(("127.0.0.1", 0))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print("sendto", s.sendto(b"datagram", r.getsockname()))
data, addr = r.recvfrom(100)
print("recvfrom", data, addr[0], addr[1] == s.getsockname()[1])
s.sendto(b"flags", 0, r.getsockname())
buf = bytearray(3)
n, addr = r.recvfrom_into(buf)
print("truncated", n, buf)
s.connect(r.getsockname())
s.send(b"connected")
print("recv", r.recv(100))
r.close()
s.close()

r6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
r6.bind(("::1", 0))
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s6.sendto(b"six", r6.getsockname())
data, addr = r6.recvfrom(10)
print("ipv6", data, addr[0], len(addr), addr[2:])
r6.close()
s6.close()


class MySocket(socket.socket):
    def hello(self):
        return "hello from " + type(self).__name__


with MySocket(socket.AF_INET, socket.SOCK_STREAM) as m:
    print("subclass", m.hello(), isinstance(m, socket.socket), m.family)
    w = weakref.ref(m)
    print("weakref", w() is m)
print("closed by with", m._closed, m.fileno())
del m
gc.collect()
print("weakref dead", w() is None)

a, b = socket.socketpair()
c = socket.fromfd(a.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
c.send(b"via fromfd")
print("fromfd", b.recv(100), c.fileno() != a.fileno())
print("repr prefix", repr(c).split(" fd=")[0], "family=AddressFamily.AF_UNIX" in repr(c))
for x in (a, b, c):
    x.close()
print("repr closed", repr(a).split(" fd=")[0])
print("raw", repr(socket.socket.__mro__[1]), socket.SocketType is socket.socket.__mro__[1])
