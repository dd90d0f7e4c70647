# A type's method called unbound without any argument (its name may also
# be a builtin's, as bytearray.hex and hex) is a TypeError.
for f in (bytearray.hex, bytes.hex, list.copy, dict.keys, str.format, bytes.count):
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
print(bytearray.hex(bytearray(b'\x01\xff')), hex(255))
