b = b"hello world"
print(b[0], b[:5], b[-1:], b.upper(), b.split(), b.replace(b"o", b"0"), b.count(b"o"))
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), bytes.fromhex("de ad be ef"), b"\xde\xad".hex())
print(b"a" < b"b", b"abc" == bytearray(b"abc"), b"ab" + bytearray(b"cd"), len(b"\x00\x01"))
ba = bytearray(b"abc")
ba[0] = 65
ba.append(68)
ba.extend(b"EF")
print(ba, bytes(ba), ba.decode(), list(ba[:2]))
print(b"%d-%s" % (5, b"x"), b"abc".startswith(b"ab"), b"  x ".strip(), b"A".lower(), b"a,b".split(b","))
print(repr(b"\t\n\r\x7f\x80'\""), str(b"q"))
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
print(b"xyz"[1:2], b"abc".find(b"c"), 98 in b"abc", b"b" in b"abc", int.from_bytes(b"\xff\xff", "big", signed=True))
