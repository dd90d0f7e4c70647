# AF_UNIX sockets: a filesystem path in a temporary directory (str and
# bytes), the abstract namespace, unnamed sockets, and path errors.
import os
import socket
import tempfile


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    print("bound", server.getsockname() == path, os.path.exists(path))
    client = socket.socket(socket.AF_UNIX)
    client.connect(path.encode())
    conn, addr = server.accept()
    print("accept addr", repr(addr), conn.family == socket.AF_UNIX)
    print("peer", client.getpeername() == path, conn.getsockname() == path, repr(client.getsockname()))
    client.sendall(b"over a unix socket")
    print("got", conn.recv(100))
    conn.sendall(b"reply")
    print("reply", client.recv(100))
    for s in (client, conn, server):
        s.close()
    show("connect missing", lambda: socket.socket(socket.AF_UNIX).connect(os.path.join(d, "missing")))

    dg_path = os.path.join(d, "dgram")
    r = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    r.bind(dg_path)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    print("sendto", s.sendto(b"datagram", dg_path))
    data, addr = r.recvfrom(100)
    print("recvfrom", data, repr(addr))
    s.bind(os.path.join(d, "sender"))
    s.sendto(b"named", dg_path)
    data, addr = r.recvfrom(100)
    print("recvfrom named", data, addr == os.path.join(d, "sender"))
    buf = bytearray(10)
    s.sendto(b"into", dg_path)
    n, addr = r.recvfrom_into(buf)
    print("recvfrom_into", n, bytes(buf[:n]), addr == os.path.join(d, "sender"))
    r.close()
    s.close()

name = b"\0taipan-net-test-%d" % os.getpid()
a = socket.socket(socket.AF_UNIX)
a.bind(name)
print("abstract", a.getsockname() == name, type(a.getsockname()).__name__)
a.listen()
b = socket.socket(socket.AF_UNIX)
b.connect(name)
c, _ = a.accept()
b.send(b"abstract!")
print("abstract data", c.recv(20))
for s in (a, b, c):
    s.close()

u = socket.socket(socket.AF_UNIX)
show("bind int", lambda: u.bind(5))
show("bind long", lambda: u.bind("x" * 200))
show("unbound name", lambda: repr(u.getsockname()))
show("unconnected peer", lambda: u.getpeername())
u.close()

auto = socket.socket(socket.AF_UNIX)
auto.bind("")
name = auto.getsockname()
print("autobind", type(name).__name__, len(name), name[:1])
auto.close()
print("CMSG limits", socket.CMSG_LEN(2**31 - 1 - 16), socket.CMSG_SPACE(2**31 - 1 - 24))
for f, n in ((socket.CMSG_LEN, 2**31 - 16), (socket.CMSG_SPACE, 2**31 - 1 - 23)):
    try:
        f(n)
    except OverflowError as e:
        print("OverflowError", e)
