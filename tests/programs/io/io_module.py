# io.py (CPython's Lib) over _io: the ABCs, registration, subclassing.
import io

print(io.open is open, io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print(issubclass(io.FileIO, io.RawIOBase), issubclass(io.BytesIO, io.BufferedIOBase))
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.BytesIO(), io.IOBase))
print(io.UnsupportedOperation.__module__, issubclass(io.UnsupportedOperation, OSError),
      issubclass(io.UnsupportedOperation, ValueError))
print([c.__name__ for c in io.RawIOBase.__mro__])

s = io.StringIO("one\ntwo\nthree")
print(s.readline(), s.readlines(), s.getvalue().upper())
b = io.BytesIO()
b.write(b"abc")
print(b.getvalue())

pair = io.BufferedRWPair(io.BytesIO(b"in"), io.BytesIO())
print(pair.read(), pair.write(b"out"), pair.readable(), pair.writable())


class Upper(io.RawIOBase):
    def __init__(self, data):
        self.data = data

    def readable(self):
        return True

    def readall(self):
        d, self.data = self.data, b""
        return d.upper()


u = Upper(b"shout")
print(u.read(), u.read(), u.closed, u.seekable(), u.writable())
with u:
    pass
print(u.closed)
try:
    u.fileno()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)


class Lines(io.TextIOBase):
    def __init__(self):
        self.items = ["a\n", "b\n"]

    def readline(self):
        return self.items.pop(0) if self.items else ""


print(list(Lines()))
try:
    Lines().read()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
