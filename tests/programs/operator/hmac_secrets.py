# hmac and secrets, which need _operator._compare_digest.
import hmac
import hashlib
import secrets
from _operator import _compare_digest

print(hmac.new(b"k", b"m", "sha256").hexdigest())
print(hmac.new(b"key", b"The quick brown fox", hashlib.md5).hexdigest())
h = hmac.new(b"secret", digestmod="sha1")
h.update(b"part one, ")
h.update(b"part two")
print(h.hexdigest(), h.name, h.digest_size)
print(hmac.digest(b"k", b"msg", "sha512")[:8])
print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest(b"abc", b"abd"))
print(hmac.compare_digest("abc", "abc"), hmac.compare_digest("abc", "ab"))
print(_compare_digest(b"a", bytearray(b"a")), _compare_digest(memoryview(b"xy"), b"xy"))
print(_compare_digest(b"", b""), _compare_digest(b"", b"x"))

for a, b in [("\xe9", "a"), ("a", "\xe9"), (1, 2), ("a", b"a"), (b"a", "a"), (b"a", 1)]:
    try:
        print(_compare_digest(a, b))
    except TypeError as e:
        print("TypeError:", e)

print(len(secrets.token_hex()), len(secrets.token_hex(4)), len(secrets.token_bytes(5)))
print(len(secrets.token_urlsafe(9)), secrets.choice("abc") in "abc")
print(0 <= secrets.randbelow(10) < 10, secrets.compare_digest(b"x", b"x"))
