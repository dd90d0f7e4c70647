# A TCP echo server on 127.0.0.1 (port 0) and a client in the same process,
# both non-blocking, driven by selectors.DefaultSelector; then a refused
# connection and blocking accept/connect.
import selectors
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen()
host, port = server.getsockname()
print("server", host, port > 0, server.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
server.setblocking(False)
print("blocking", server.getblocking(), server.gettimeout())

sel = selectors.DefaultSelector()
print("selector", type(sel).__name__)
sel.register(server, selectors.EVENT_READ, "accept")

client = socket.socket()
client.setblocking(False)
err = client.connect_ex(("127.0.0.1", port))
print("connect_ex", err in (0, 115))
sel.register(client, selectors.EVENT_WRITE, "client")

def wait_for(name, mask):
    """Runs the selector until the object registered as `name` is ready."""
    for _ in range(100):
        for key, events in sel.select(timeout=5):
            if key.data == name and events & mask:
                return key.fileobj
    raise RuntimeError("never ready: " + name)


wait_for("accept", selectors.EVENT_READ)
conn, addr = server.accept()
print("accepted", addr[0], addr[1] == client.getsockname()[1], conn.gettimeout())
conn.setblocking(False)
sel.register(conn, selectors.EVENT_READ, "conn")
wait_for("client", selectors.EVENT_WRITE)
sel.modify(client, selectors.EVENT_READ, "client")
for message in [b"alpha", b"beta", b"gamma"]:
    client.send(message)
    wait_for("conn", selectors.EVENT_READ)
    data = conn.recv(1024)
    conn.sendall(data.upper())
    wait_for("client", selectors.EVENT_READ)
    print("round trip", data, client.recv(1024))
try:
    client.recv(10)
except BlockingIOError as e:
    print("would block", e.errno)
print("keys", sorted(k.data for k in sel.get_map().values()))
print("peer", client.getpeername() == ("127.0.0.1", port))
for s in (client, conn):
    sel.unregister(s)
    s.close()
sel.close()

# blocking accept with a timeout
server.settimeout(0.05)
try:
    server.accept()
except TimeoutError as e:
    print("accept timeout", type(e).__name__, e, isinstance(e, socket.timeout))
server.close()

# a refused connection
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
closed_port = probe.getsockname()[1]
probe.close()
c = socket.socket()
try:
    c.connect(("127.0.0.1", closed_port))
except ConnectionRefusedError as e:
    print("refused", e.errno, e.strerror)
print("connect_ex refused", c.connect_ex(("127.0.0.1", closed_port)))
c.close()

# create_connection / create_server helpers
srv = socket.create_server(("127.0.0.1", 0))
cli = socket.create_connection(srv.getsockname(), timeout=5)
peer, _ = srv.accept()
cli.sendall(b"over create_connection")
print("helpers", peer.recv(100), cli.gettimeout())
for s in (cli, peer, srv):
    s.close()
