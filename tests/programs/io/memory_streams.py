# BytesIO and StringIO.
import _io

b = _io.BytesIO(b"line1\nline2\nrest")
print(b.read(3), b.tell(), b.readline(), b.readlines(), b.read(), b.tell())
print(b.seek(0), list(b))
b.seek(2)
print(b.write(b"XY"), b.getvalue())
b.seek(20)
b.write(b"!")
print(b.getvalue(), len(b.getvalue()))
print(b.truncate(5), b.getvalue(), b.tell())
print(b.seek(-2, 2), b.read(), b.seek(1, 0), b.seek(1, 1))
try:
    b.seek(-1)
except ValueError as e:
    print("ValueError", e)
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.closed)
with _io.BytesIO() as b2:
    b2.write(b"abc")
    b2.writelines([b"d", b"e"])
    print(b2.getvalue())
print(b2.closed)
try:
    b2.getvalue()
except ValueError as e:
    print("ValueError", e)
try:
    _io.BytesIO("text")
except TypeError as e:
    print("TypeError", e)

s = _io.StringIO("héllo\nwörld\n")
print(repr(s.read(3)), s.tell(), repr(s.readline()), repr(s.read()))
s.seek(0)
print(list(s))
print(s.write("!"), repr(s.getvalue()))
s = _io.StringIO()
print(s.write("a\r\nb\rc\n"), repr(s.getvalue()))
s = _io.StringIO(newline=None)
s.write("a\r\nb\rc\n")
print(repr(s.getvalue()), s.seek(0), s.readlines())
s = _io.StringIO("a\r\nb\rc\n", newline="")
print(s.readlines())
s = _io.StringIO(newline="\r\n")
s.write("x\ny\n")
print(repr(s.getvalue()))
s = _io.StringIO("abcdef")
print(s.truncate(3), repr(s.getvalue()), s.tell())
s.seek(6)
s.write("Z")
print(repr(s.getvalue()))
try:
    s.seek(1, 1)
except OSError as e:
    print("OSError", e)
try:
    s.write(b"x")
except TypeError as e:
    print("TypeError", e)
s.close()
print(s.closed)
try:
    s.read()
except ValueError as e:
    print("ValueError", e)
try:
    _io.StringIO(newline="x")
except ValueError as e:
    print("ValueError", e)
