# The standard streams are TextIOWrapper objects over buffered FileIO
# objects: their attributes, writes through print/write/buffer, and
# reconfigure. (Nothing here depends on a terminal or on -u.)
import sys, io

for name in ('stdin', 'stdout', 'stderr'):
    s = getattr(sys, name)
    print(name, type(s).__name__, s is getattr(sys, '__%s__' % name), repr(s))
    print('  ', s.name, s.mode, s.encoding, s.errors, repr(s.newlines), s.fileno(), s._CHUNK_SIZE)
    print('  ', isinstance(s, io.TextIOBase), s.closed, s.readable(), s.writable())
print(type(sys.stdin.buffer).__name__, type(sys.stdin.buffer.raw).__name__, sys.stdin.buffer.raw.closefd)
print(sys.stdin.buffer.raw.name, sys.stdin.buffer.name, sys.stdin.buffer.mode)
print(sys.stderr.line_buffering)

attrs = ['encoding', 'errors', 'newlines', 'buffer', 'line_buffering', 'write_through',
         'reconfigure', 'mode', 'name', 'closed', 'fileno', 'isatty', 'readable',
         'writable', 'seekable', 'detach', 'truncate', 'tell', 'seek', 'readline',
         'readlines', 'writelines', 'flush', 'close', '__enter__', '__iter__', '__next__',
         '_CHUNK_SIZE', 'raw', 'read1', 'peek', 'getvalue']
print([a for a in attrs if not hasattr(sys.stdout, a)])

# Text and bytes written through the same stream keep their order once
# the text layer writes through.
sys.stdout.reconfigure(write_through=True)
print('text 1')
sys.stdout.buffer.write(b'bytes 1\n')
sys.stdout.write('text 2\n')
sys.stdout.buffer.write(b'bytes 2\n')
print(sys.stdout.write('four'), sys.stdout.write('\n'))
sys.stdout.writelines(['a', 'b', '\n'])
print('flushed', flush=True)
print(sys.stdout.flush())

# Encoding and error handler changes.
sys.stdout.reconfigure(encoding='ascii', errors='replace')
print(sys.stdout.encoding, sys.stdout.errors, 'caf\xe9 \u20ac')
sys.stdout.reconfigure(encoding='utf-8', errors='backslashreplace')
print('lone \udc80 surrogate', 'caf\xe9')
sys.stdout.reconfigure(errors='strict')
try:
    print('lone \udc80 again')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e)
sys.stdout.reconfigure(line_buffering=True)
print(sys.stdout.line_buffering)
try:
    sys.stdout.reconfigure('utf-8')
except TypeError as e:
    print('TypeError', e)
try:
    sys.stdout.reconfigure(errors=3)
except TypeError as e:
    print('TypeError')

# Reading from stdout, writing to stdin.
for f, args in ((sys.stdout.read, ()), (sys.stdout.readline, ()), (sys.stdin.write, ('x',))):
    try:
        f(*args)
    except io.UnsupportedOperation as e:
        print(type(e).__name__, e)
try:
    sys.stdout.write(b'bytes')
except TypeError as e:
    print('TypeError', e)

# print's stream is looked up each time.
saved = sys.stdout
sys.stdout = io.StringIO()
print('captured', 1, 2)
text = sys.stdout.getvalue()
sys.stdout = None
print('dropped')
sys.stdout = saved
print(repr(text))
print('to stderr', file=sys.stderr, flush=True)
print('done')
