# TextIOWrapper.newlines: the line-end kinds read so far.
import io


def show(data, **kw):
    w = io.TextIOWrapper(io.BytesIO(data), **kw)
    seen = [w.newlines]
    for line in w:
        seen.append(w.newlines)
    print(repr(data), kw, seen[0], seen[-1])


show(b'a\r\nb\nc\r')
show(b'one\ntwo\n')
show(b'no newline')
show(b'a\rb\rc')
show(b'a\r\nb', newline='')
show(b'a\r\nb', newline='\n')
w = io.TextIOWrapper(io.BytesIO(b'x' * 10 + b'\r'), newline=None)
w._CHUNK_SIZE = 11
print(repr(w.read()), w.newlines)
w = io.TextIOWrapper(io.BytesIO(), write_through=True)
w.write('a\nb')
print(w.newlines)
