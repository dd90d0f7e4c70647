# _struct: formats, byte orders, alignment, errors (CPython's messages).
import struct

def show(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

for fmt in ['@bi', '=bi', '<bi', '>bi', '!bi', 'xcbB?hHiIlLqQnNefdP', '<xcbB?hHiIlLqQefd',
            '3s2p', '0s', '10x', ' i i ', '@bq', '@hd', '@ch', '']:
    show(struct.calcsize, fmt)

show(struct.pack, '<hHiIqQ', -2, 3, -4, 5, -6, 7)
show(struct.pack, '>hHiIqQ', -2, 3, -4, 5, -6, 7)
show(struct.pack, '@bhiq', 1, 2, 3, 4)
show(struct.pack, '<?c3s3p', 7, b'z', b'ab', b'abcdef')
show(struct.pack, '<efd', 1.5, -2.25, 3.125)
show(struct.pack, '>e', 65504.0)
show(struct.pack, '<e', 1e-7)
show(struct.unpack, '<e', b'\x00\x7c')
show(struct.unpack, '<hHiIqQ', struct.pack('<hHiIqQ', -2, 3, -4, 5, -6, 7))
show(struct.unpack, '<efd', struct.pack('<efd', 1.5, -2.25, 3.125))
show(struct.unpack, '<?c3s3p', b'\x02zab\x00\x05abc')
show(struct.unpack, '2i', struct.pack('2i', 9, -9))
show(struct.unpack_from, '<h', b'\x00\x01\x02\x03', 1)
show(struct.unpack_from, '<h', b'\x00\x01\x02\x03', -2)
show(list, struct.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00'))

# errors
show(struct.pack, 'b', 200)
show(struct.pack, 'B', -1)
show(struct.pack, 'h', 70000)
show(struct.pack, 'H', -1)
show(struct.pack, 'i', 2**31)
show(struct.pack, 'I', 2**32)
show(struct.pack, 'I', -1)
show(struct.pack, 'q', 2**63)
show(struct.pack, '<b', 200)
show(struct.pack, '<B', 256)
show(struct.pack, '<h', -40000)
show(struct.pack, '<H', 70000)
show(struct.pack, '<i', 2**31)
show(struct.pack, '<I', -1)
show(struct.pack, '<q', 2**63)
show(struct.pack, '<Q', -1)
show(struct.pack, 'i', 'x')
show(struct.pack, 'i', 1.5)
show(struct.pack, 'f', 'x')
show(struct.pack, 'f', 1e300)
show(struct.pack, 'e', 1e10)
show(struct.pack, 'c', b'ab')
show(struct.pack, 's', 'ab')
show(struct.pack, 'ii', 1)
show(struct.pack, '<n', 1)
show(struct.pack, 'z', 1)
show(struct.pack, '12', 1)
show(struct.unpack, 'i', b'abc')
show(struct.unpack_from, '<i', b'abc', 1)
show(struct.unpack_from, '<i', b'abcd', -9)
show(struct.iter_unpack, 'i', b'abcde')
show(struct.iter_unpack, '', b'')
show(struct.Struct, 5)

s = struct.Struct('<2h')
print(s.format, s.size, s.pack(1, 2), s.unpack(b'\x01\x00\x02\x00'))
buf = bytearray(6)
s.pack_into(buf, 1, 3, 4)
print(buf)
show(s.pack_into, buf, 4, 3, 4)
show(s.pack_into, buf, -2, 3, 4)
struct.pack_into('<b', buf, -1, 9)
print(buf)
print(struct.Struct(b'>I').format, struct.unpack(b'>I', b'\x00\x00\x00\x05'))

class Idx:
    def __index__(self):
        return 7
print(struct.pack('<i', Idx()))
print(issubclass(struct.error, Exception), struct.error.__module__)
