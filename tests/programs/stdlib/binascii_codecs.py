# binascii: hex (sep, bytes_per_sep), base64 (newline, strict_mode and
# every padding error), uuencode, quoted-printable, crc32, crc_hqx, the
# accepted argument types and the Error/Incomplete classes.
import binascii

def show(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

samples = [b"", b"a", b"ab", b"abc", b"abcd", bytes(range(256)), b"\x00\xff" * 7, "hello world".encode()]
for s in samples:
    print(s[:20], binascii.hexlify(s), binascii.b2a_hex(s, "-"), show(binascii.b2a_hex, s, b":", 3),
          show(binascii.hexlify, s, "|", -2), binascii.b2a_base64(s), binascii.b2a_base64(s, newline=False),
          binascii.crc32(s), binascii.crc32(s, 12345), binascii.crc_hqx(s, 0), binascii.crc_hqx(s, 0xFFFF))
    if len(s) <= 45:
        print("  uu", binascii.b2a_uu(s), binascii.b2a_uu(s, backtick=True), binascii.a2b_uu(binascii.b2a_uu(s)) == s)
    print("  qp", binascii.b2a_qp(s)[:80], binascii.unhexlify(binascii.hexlify(s)) == s,
          binascii.a2b_base64(binascii.b2a_base64(s)) == s)
print(show(binascii.b2a_hex, b"ab", "--"), show(binascii.b2a_hex, b"ab", 5), show(binascii.hexlify, "str"),
      show(binascii.b2a_hex, bytearray(b"xy")), show(binascii.b2a_hex, memoryview(b"mv")))
for h in ["", "00", "0a0B", "abc", "zz", "0g", "ÿÿ", b"6869", bytearray(b"41"), 5]:
    print("unhex", repr(h), show(binascii.unhexlify, h), show(binascii.a2b_hex, h))
b64 = [b"", b"YQ==", b"YWI=", b"YWJj", b"YQ", b"YWI", b"Y", b"Y===", b"YQ===", b"YQ==YQ==", b"=YQ==", b"YQ=\n=",
       b"Y W J j", b"YW!!Jj", b"YQ==\n", b"YQ=a=", b"====", b"YWJjZA==", b"YWJjZA=", b"YWJjZ", "YWJj", "YWJj\u00e9", b"\xffYWJj"]
for d in b64:
    print("b64", repr(d), show(binascii.a2b_base64, d), show(binascii.a2b_base64, d, strict_mode=True))
print(show(binascii.a2b_base64, 3), show(binascii.b2a_base64, "s"), show(binascii.b2a_base64, b"x", True))
for d in [b"", b" ", b"!", b"#86)C\n", b"#86)C", b"$86)C8P``\n", b"#86)C  \n", b"#86)Cx\n", b"\x7f", b"#86)", b"M" + b"!" * 60]:
    print("uu", repr(d), show(binascii.a2b_uu, d))
print(show(binascii.b2a_uu, b"x" * 46), show(binascii.b2a_uu, b"x" * 45))
qp_in = [b"hello", b"a=b", b"tab\there", b"trailing space ", b"trailing tab\t", b"line1\nline2 \nline3",
         b"crlf\r\nnext\r\n", b"\x00\x01\x80\xff", b".", b".\n", b"x.\n.y", b"under_score here", b"a" * 200,
         b"b" * 74 + b"==", b"=" * 40, b"\r\r\n", b" \n\t\n", b"long line " * 12 + b"\n" + b"end"]
for d in qp_in:
    print("qp", repr(d)[:40], binascii.b2a_qp(d), binascii.b2a_qp(d, quotetabs=True), binascii.b2a_qp(d, istext=False),
          binascii.b2a_qp(d, header=True))
for d in [b"=41=42", b"a=\nb", b"a=\r\nb", b"a==b", b"=4", b"=zz", b"=", b"x_y", "=3D", b"soft=  \nbreak", b"=a1=B2"]:
    print("a2b_qp", repr(d), binascii.a2b_qp(d), binascii.a2b_qp(d, header=True))
print(binascii.crc32(b"hello", -1), binascii.crc32(b"hello", 2**40 + 3), show(binascii.crc32, b"x", 1.5),
      show(binascii.crc_hqx, b"x"), binascii.crc_hqx(b"abc", -1), binascii.crc_hqx(b"abc", 2**20 + 5))
print(issubclass(binascii.Error, ValueError), issubclass(binascii.Incomplete, Exception), binascii.Error.__module__,
      binascii.Error.__name__, binascii.Incomplete.__name__)
try:
    binascii.unhexlify(b"0")
except ValueError as e:
    print("caught as ValueError:", type(e).__name__, e)
import base64
print(base64.b64encode(b"data"), base64.b64decode(b"ZGF0YQ=="), base64.urlsafe_b64encode(b"\xff\xfe"),
      base64.b32encode(b"abc"), base64.b16encode(b"abc"), base64.b85encode(b"abc"), base64.a85encode(b"abc"))
print(show(base64.b64decode, b"ZGF0YQ=", validate=True), base64.encodebytes(b"x" * 60))
for t in ["binascii.crc32()", "binascii.crc32(b'', 1, 2)", "binascii.crc_hqx(b'', 1, 2)", "binascii.a2b_hex()",
          "binascii.unhexlify(b'', 2)", "binascii.a2b_uu()", "binascii.b2a_uu()", "binascii.a2b_base64()",
          "binascii.b2a_base64()", "binascii.b2a_hex()", "binascii.a2b_qp()", "binascii.b2a_hex(b'ab', ['a'])",
          "binascii.crc32(data=b'')", "binascii.a2b_hex(hexstr=b'')", "binascii.a2b_base64(data=b'')",
          "binascii.b2a_qp(data=b'a b', header=True)", "binascii.b2a_hex(data=b'ab', sep='.')", "binascii.b2a_uu(b'', backtick=1)"]:
    print(t, show(eval, t))
