print(bytes(range(5)), bytearray(3), bytes("abc", "ascii"), list(bytes(b"hi")))
b = bytearray(b"hello")
b[0] = ord("H")
b += b"!"
del b[1]
print(b, len(b), b.find(b"l"), bytes(b).upper())
print(b"abc" * 2, b"," .join([b"a", b"b"]), b"a b c".split(), b"x=1".partition(b"="))
print(b"\x00\xff".hex(), bytes.fromhex("00ff") == b"\x00\xff", b"abc".decode("ascii"))
print(bytes([1, 2]) == b"\x01\x02", b"ab" < b"b", hash(b"x") == hash(b"x"))
try:
    bytearray(b"a")[0] = 300
except ValueError as e:
    print("ValueError:", e)
print(memoryview(b"abc")[1], bytes(memoryview(b"xyz")[1:]))
