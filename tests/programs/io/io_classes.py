# The _io class hierarchy, TextIOWrapper over BytesIO, IncrementalNewlineDecoder.
import _io

for cls in [_io.FileIO, _io.BytesIO, _io.StringIO, _io.BufferedReader, _io.BufferedWriter,
            _io.BufferedRandom, _io.TextIOWrapper]:
    print(cls.__name__, cls.__module__, [c.__name__ for c in cls.__mro__])
print(_io.UnsupportedOperation.__mro__[1:3], _io.UnsupportedOperation.__module__)
print(_io.DEFAULT_BUFFER_SIZE)

raw = _io.BytesIO(b"one\ntwo\r\nthree\rfour")
t = _io.TextIOWrapper(raw, encoding="utf-8")
print(t.encoding, t.errors, t.line_buffering, t.readlines())
raw = _io.BytesIO()
t = _io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
t.write("a\nb")
t.flush()
print(raw.getvalue())
t = _io.TextIOWrapper(_io.BytesIO(), encoding="ascii", errors="backslashreplace")
t.write("caf\xe9")
t.flush()
print(t.buffer.getvalue())
t = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8", line_buffering=True)
t.write("no newline")
print(t.buffer.getvalue())
t.write(" then\n")
print(t.buffer.getvalue())
try:
    _io.TextIOWrapper(_io.BytesIO(), encoding="no-such-codec")
except LookupError as e:
    print("LookupError", e)

br = _io.BufferedReader(_io.BytesIO(b"abcdef\nghi"), 4)
print(br.read(2), br.peek(1)[:1], br.readline(), br.read())
bw_raw = _io.BytesIO()
bw = _io.BufferedWriter(bw_raw, 4)
bw.write(b"ab")
print(bw_raw.getvalue())
bw.write(b"cdef")
print(bw_raw.getvalue())
bw.flush()
print(bw_raw.getvalue())

d = _io.IncrementalNewlineDecoder(None, True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("", final=True)), d.newlines)
d = _io.IncrementalNewlineDecoder(None, False)
print(repr(d.decode("x\r\ny\n")), d.newlines, d.getstate())
d.reset()
print(d.newlines)


class MyIO(_io._IOBase):
    pass


m = MyIO()
print(m.closed, m.readable(), m.seekable())
m.close()
print(m.closed)
try:
    m.flush()
except ValueError as e:
    print("ValueError", e)
