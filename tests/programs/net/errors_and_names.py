# Address and argument errors, byte order, address text, getaddrinfo's
# shape and the module's constants.
import socket


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


s = socket.socket()
show("bind int", lambda: s.bind(5))
show("bind 1-tuple", lambda: s.bind(("x",)))
show("bind host int", lambda: s.bind((1, 2)))
show("bind port str", lambda: s.bind(("127.0.0.1", "a")))
show("bind port big", lambda: s.bind(("127.0.0.1", 70000)))
show("bind port negative", lambda: s.bind(("127.0.0.1", -1)))
show("connect int", lambda: s.connect(80))
show("recv negative", lambda: s.recv(-1))
show("send str", lambda: s.send("x"))
show("settimeout negative", lambda: s.settimeout(-1))
show("peer", lambda: s.getpeername())
show("SO_TYPE", lambda: s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE))
show("SO_TYPE bytes", lambda: s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 4))
show("setsockopt str", lambda: s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, "x"))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
show("TCP_NODELAY", lambda: s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
print("attrs", s.family, s.type, s.proto, repr(s.family), repr(s.type))
s.close()
show("closed fileno", lambda: s.fileno())
show("closed recv", lambda: s.recv(1))
show("close twice", lambda: s.close())
show("repr closed", lambda: repr(s))

s6 = socket.socket(socket.AF_INET6)
show("inet6 1-tuple", lambda: s6.bind(("::1",)))
show("inet6 5-tuple", lambda: s6.bind(("::1", 0, 1, 2, 3)))
show("inet6 int", lambda: s6.bind(5))
s6.bind(("::1", 0))
name = s6.getsockname()
print("inet6 name", name[0], len(name), name[2:])
s6.close()

show("negative fileno", lambda: socket.socket(fileno=-5))
show("float fileno", lambda: socket.socket(fileno=1.5))
show("bad family", lambda: socket.socket(99999))

show("htons", lambda: (socket.htons(1), socket.ntohs(0x1234), socket.htonl(1), socket.ntohl(0x12345678)))
show("htons negative", lambda: socket.htons(-1))
show("htons big", lambda: socket.htons(70000))
show("htonl negative", lambda: socket.htonl(-1))
show("htonl big", lambda: socket.htonl(1 << 33))
show("inet_aton", lambda: socket.inet_aton("127.0.0.1"))
show("inet_aton short", lambda: socket.inet_aton("10.1"))
show("inet_aton bad", lambda: socket.inet_aton("x"))
show("inet_ntoa", lambda: socket.inet_ntoa(b"\x7f\x00\x00\x01"))
show("inet_ntoa short", lambda: socket.inet_ntoa(b"12"))
show("inet_pton", lambda: socket.inet_pton(socket.AF_INET6, "::ffff:1.2.3.4"))
show("inet_pton bad", lambda: socket.inet_pton(socket.AF_INET, "x"))
show("inet_pton family", lambda: socket.inet_pton(99, "x"))
show("inet_ntop", lambda: socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\x01"))
show("inet_ntop v4", lambda: socket.inet_ntop(socket.AF_INET, b"\x0a\x00\x00\x01"))
show("inet_ntop short", lambda: socket.inet_ntop(socket.AF_INET, b"123"))
show("CMSG_LEN negative", lambda: socket.CMSG_LEN(-1))

info = socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)
print("getaddrinfo", info)
print("getaddrinfo types", [type(x).__name__ for x in info[0]])
info6 = socket.getaddrinfo("::1", "http", socket.AF_INET6, socket.SOCK_STREAM)
print("getaddrinfo v6", info6)
print("getaddrinfo none port", socket.getaddrinfo("127.0.0.1", None, socket.AF_INET, socket.SOCK_DGRAM))
show("getaddrinfo bad service", lambda: socket.getaddrinfo("127.0.0.1", "no-such-service-x"))
show("getaddrinfo float port", lambda: socket.getaddrinfo("127.0.0.1", 1.5))
show("getaddrinfo gaierror", lambda: issubclass(socket.gaierror, OSError))
show("getnameinfo", lambda: socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
show("gethostbyname", lambda: socket.gethostbyname("127.0.0.1"))
show("gethostname", lambda: type(socket.gethostname()).__name__)
print("constants", socket.AF_INET, socket.AF_INET6, socket.AF_UNIX, socket.SOCK_STREAM, socket.SOCK_DGRAM,
      socket.SOCK_CLOEXEC, socket.SOCK_NONBLOCK, socket.SOL_SOCKET, socket.SO_REUSEADDR, socket.SCM_RIGHTS,
      socket.IPPROTO_TCP, socket.TCP_NODELAY, socket.SHUT_RDWR, socket.MSG_PEEK, socket.has_ipv6)
print("enums", repr(socket.AF_INET), repr(socket.SOCK_STREAM), repr(socket.MSG_PEEK), repr(socket.AI_PASSIVE))
print("errors", socket.error is OSError, socket.timeout is TimeoutError, socket.herror.__mro__[1].__name__)
