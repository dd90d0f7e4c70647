# Attributes and methods of the _io classes that CPython has, and their
# errors on closed and detached streams.
import io

def attempt(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)

s = io.StringIO('x\ny\n')
print(s.encoding, s.errors, s.newlines, s.line_buffering)
print(io.StringIO(newline='').newlines)
s.close()
for name in ('encoding', 'errors', 'newlines', 'line_buffering', 'closed'):
    attempt('closed StringIO.' + name, getattr, s, name)

class T(io.TextIOBase):
    pass

t = T()
print(t.encoding, t.errors, t.newlines)
attempt('TextIOBase.readline', t.readline)
attempt('TextIOBase.read', t.read)
attempt('TextIOBase.detach', t.detach)

class B(io.BufferedIOBase):
    def __init__(self, data):
        self.data = data
    def read(self, n=-1):
        return self.data[:n]
    def read1(self, n=-1):
        return self.data[:1]

buf = bytearray(4)
print(B(b'abcdef').readinto(buf), buf)
print(B(b'xyz').readinto1(buf), buf)
attempt('BufferedIOBase.readinto1', io.BufferedIOBase().readinto1, bytearray(2))

class R(io.RawIOBase):
    pass

attempt('RawIOBase.write', R().write, b'x')

b = io.BytesIO(b'hello world')
print(b.read1(3), b.read1(), b.getvalue())

def reader():
    return io.BufferedReader(io.BytesIO(b'hello world, and more'), 8)

r = reader()
print(type(r.raw).__name__, r.peek(2)[:2], r.read1(3), r.read(2))
buf = bytearray(5)
print(r.readinto(buf), buf, r.readinto1(buf), buf)
r.close()
for name in ('read1', 'peek', 'read'):
    attempt('closed BufferedReader.' + name, getattr(r, name))
attempt('closed BufferedReader.readinto', r.readinto, bytearray(2))
attempt('closed BufferedReader.readinto1', r.readinto1, bytearray(2))

r = reader()
raw = r.detach()
print(type(raw).__name__, r.raw)
for name in ('read1', 'peek', 'read', 'flush', 'fileno', 'tell'):
    attempt('detached BufferedReader.' + name, getattr(r, name))
for name in ('closed', 'name', 'mode'):
    attempt('detached BufferedReader.' + name, getattr, r, name)

w = io.BufferedWriter(io.BytesIO())
print(w.write(b'abc'), w.raw.getvalue())
w.flush()
print(w.raw.getvalue())
w.close()
attempt('closed BufferedWriter.write', w.write, b'x')
attempt('closed BufferedWriter.flush', w.flush)

rw = io.BufferedRandom(io.BytesIO(b'0123456789'))
print(rw.read1(2), rw.peek(1)[:1], rw.write(b'ab'), rw.tell())
rw.seek(0)
print(rw.read())

p = io.BufferedRWPair(io.BytesIO(b'abcdef'), io.BytesIO())
buf = bytearray(3)
print(p.readinto(buf), buf, p.readinto1(buf), buf, p.peek(1)[:1], p.read1(1))

tw = io.TextIOWrapper(io.BytesIO(b'line 1\nline 2\n'), encoding='utf-8')
print(tw._CHUNK_SIZE, tw.encoding, tw.errors, tw.line_buffering, tw.write_through)
tw._CHUNK_SIZE = 4
print(tw._CHUNK_SIZE, tw.readline(), tw.read())
for bad in (0, -1):
    try:
        tw._CHUNK_SIZE = bad
    except ValueError as e:
        print('ValueError', e)
raw = tw.detach()
print(type(raw).__name__, tw.buffer)
for name in ('read', 'readline', 'flush', 'tell', 'fileno', 'detach', 'close'):
    attempt('detached TextIOWrapper.' + name, getattr(tw, name))
attempt('detached TextIOWrapper.write', tw.write, 'x')
for name in ('closed', 'name', 'newlines', '_CHUNK_SIZE', 'encoding'):
    attempt('detached TextIOWrapper.' + name, getattr, tw, name)

tw = io.TextIOWrapper(io.BytesIO(), encoding='utf-8')
tw.close()
for name in ('read', 'flush', 'tell'):
    attempt('closed TextIOWrapper.' + name, getattr(tw, name))
attempt('closed TextIOWrapper.write', tw.write, 'x')
attempt('closed TextIOWrapper.closed', getattr, tw, 'closed')
ro = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b'abc')), encoding='utf-8')
attempt('read-only TextIOWrapper.write', ro.write, 'x')
