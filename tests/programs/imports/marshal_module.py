# marshal: CPython 3.11's format, version 4; round trips, errors, code objects.
import marshal

values = [0, 1, -1, 2**31, -2**63, 2**100, -(2**100), 1.5, -0.0, float('inf'),
          'ascii', 'héllo wörld', '\u20ac', '', b'', b'\x00\xff', (), (1, 'a', (2.5, None)),
          [1, [2, 3]], {'k': [1, 2], 3: 'v'}, {1, 2, 3}, frozenset({'x'}), True, False, None, ...,
          StopIteration]
for v in values:
    data = marshal.dumps(v)
    back = marshal.loads(data)
    print(type(back).__name__, back == v or back is v, repr(back)[:40])

print(marshal.version)
print(marshal.loads(b'\xe9\x01\x00\x00\x00'), marshal.loads(b'N'), marshal.loads(b'i\x07\x00\x00\x00extra'))

for bad in [b'', b'i\x01', b'\x00', b'(\x02\x00\x00\x00N', b's\xff\xff\xff\x7f']:
    try:
        marshal.loads(bad)
    except (EOFError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

for unmarshallable in [object(), print, lambda: 1]:
    try:
        marshal.dumps(unmarshallable)
    except ValueError as e:
        print('ValueError', e)

code = compile('def f(a, b=2):\n    return a * b\nresult = f(21)\n', 'snippet', 'exec')
ns = {}
exec(marshal.loads(marshal.dumps(code)), ns)
print(ns['result'])
c2 = marshal.loads(marshal.dumps(code))
print(c2.co_filename, c2.co_name, c2.co_names, len(c2.co_consts))
try:
    marshal.loads(42)
except TypeError as e:
    print('TypeError', e)
