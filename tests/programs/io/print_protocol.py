# print() calls file.write once per object, separator and end, converts
# objects with str(), and validates its keyword arguments.
import io

class Recorder:
    def __init__(self):
        self.calls = []
    def write(self, s):
        self.calls.append(s)
        return len(s)
    def flush(self):
        self.calls.append('<flush>')

r = Recorder()
print(1, 'two', 3.0, None, file=r)
print(file=r)
print('a', 'b', sep=None, end=None, file=r)
print('a', 'b', sep='', end='', file=r, flush=True)
print(*range(3), sep='--', end='|\n', file=r)
print(r.calls)

class Str(str):
    def __str__(self):
        return 'converted'

class Obj:
    def __str__(self):
        r.calls.append('<str called>')
        return 'obj'

class Bad:
    def __str__(self):
        raise ValueError('no str')

r.calls = []
print(Str('raw'), Obj(), file=r)
try:
    print('before', Bad(), 'after', file=r)
except ValueError as e:
    print('ValueError', e)
print(r.calls)

class NoWrite:
    pass

for kwargs in ({'sep': 1}, {'end': b'x'}, {'file': NoWrite()}, {'bogus': 1}):
    try:
        print('x', **kwargs)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

class Unflushable(Recorder):
    flush = None

try:
    print('x', file=Unflushable(), flush=True)
except TypeError as e:
    print('TypeError', e)

s = io.StringIO()
print('é', 'ü', sep='\u2013', file=s)
print(repr(s.getvalue()))
s.close()
try:
    print('closed', file=s)
except ValueError as e:
    print('ValueError', e)

b = io.BytesIO()
t = io.TextIOWrapper(b, encoding='latin-1', newline='\r\n')
print('one', 'two', file=t)
print('caf\xe9', file=t, flush=True)
print(b.getvalue())
t.close()
try:
    print('x', file=t)
except ValueError as e:
    print('ValueError', e)
