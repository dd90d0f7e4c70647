s = "héllo wörld €"
b = s.encode("utf-8")
print(b, len(b), len(s))
print(b.decode("utf-8") == s)
print("abc".encode(), "é".encode("latin-1"), b"\xe9".decode("latin-1"))
print(list(b"abc"), bytes([104, 105]), b"ab" + b"cd", b"ab" * 2, b"abc"[1], b"abc"[1:])
print(b"hello".upper(), b"a,b".split(b","), b"x".join([b"1", b"2"]), b"hello".find(b"l"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
