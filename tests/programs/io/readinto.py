# readinto and bytes-like arguments (bytearray, memoryview).
import io, os

base = "/tmp/taipan_io_readinto_%d" % os.getpid()
os.mkdir(base)
path = base + "/r.bin"
try:
    with open(path, "wb") as f:
        print(f.write(bytearray(b"0123456789")), f.write(memoryview(b"abc")))
    buf = bytearray(4)
    with open(path, "rb") as f:
        print(f.readinto(buf), buf, f.readinto(buf), buf)
        mv = memoryview(buf)
        print(f.readinto(mv[1:3]), buf)
    with open(path, "rb", buffering=0) as f:
        b2 = bytearray(20)
        print(type(f).__name__, f.readinto(b2), bytes(b2[:13]))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    print(os.write(fd, bytearray(b"!!")))
    os.close(fd)
    with open(path, "rb") as f:
        print(f.read())
finally:
    os.unlink(path)
    os.rmdir(base)

b = io.BytesIO(b"hello world")
buf = bytearray(5)
print(b.readinto(buf), buf, b.readinto(buf), buf, b.readinto(buf), buf)
try:
    b.readinto(b"immutable")
except TypeError as e:
    print("TypeError", e)


class Digits(io.RawIOBase):
    def __init__(self):
        self.n = 0

    def readable(self):
        return True

    def readinto(self, b):
        k = min(len(b), 3)
        for i in range(k):
            b[i] = 48 + (self.n + i) % 10
        self.n += k
        return k


d = Digits()
print(d.read(2), d.read(5), d.read(0))
r = io.BufferedReader(Digits(), 4)
print(r.read(7))
