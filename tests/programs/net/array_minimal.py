# The minimal array module socket.send_fds/recv_fds rely on.
import array


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


a = array.array("i", [1, -2, 3])
print(a, len(a), a.typecode, a.itemsize, list(a), a.tolist())
print("bytes", a.tobytes())
b = array.array("i")
b.frombytes(a.tobytes())
print("frombytes", b, b == a, b[0], b[-1])
b.append(7)
b.extend([8, 9])
b.fromlist([10])
b[1] = 20
print("edited", b, b.count(3), b.index(8))
print("empty", array.array("d"), array.array("d", [1.5, 2.0]), array.array("B", b"\x01\x02"))
for code in "bBhHiIlLqQfd":
    print(code, array.array(code).itemsize, end="; ")
print()
show("bad typecode", lambda: array.array("z"))
show("frombytes partial", lambda: array.array("i").frombytes(b"123"))
show("index range", lambda: a[5])
show("not found", lambda: a.index(99))
for code, v in [("b", 200), ("B", -1), ("h", 1 << 20), ("H", -1), ("i", 1 << 40), ("I", -1), ("L", -1), ("q", 1 << 70)]:
    show("overflow " + code, lambda: array.array(code, [v]))
show("float into int", lambda: array.array("i", [1.5]))
print(array.typecodes, array.ArrayType is array.array)
