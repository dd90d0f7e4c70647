# The digest modules hashlib falls back on without OpenSSL: _md5, _sha1,
# _sha256, _sha512 and _sha3 objects (update, digest, hexdigest, copy,
# name, digest_size, block_size, SHAKE lengths, errors).
import _md5, _sha1, _sha256, _sha512, _sha3

def show(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

ctors = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384, _sha512.sha512,
         _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512]
for c in ctors:
    h = c()
    print(h.name, h.digest_size, h.block_size, h.hexdigest())
    h.update(b"abc")
    g = h.copy()
    g.update(bytearray(b"def"))
    h.update(memoryview(b"x" * 200))
    print("  ", h.hexdigest(), g.digest().hex(), c(b"abc").hexdigest() == c(b"ab" + b"c").hexdigest(), show(lambda: c(string=b"abc").hexdigest()))
    print("  ", show(h.update, "str"), show(h.update, 5), show(c, "s"), c(b"q", usedforsecurity=False).hexdigest()[:16])
for c in [_sha3.shake_128, _sha3.shake_256]:
    h = c(b"data")
    print(h.name, h.digest_size, h.block_size, h.hexdigest(0), h.hexdigest(5), h.digest(40).hex())
    print("  ", show(h.hexdigest), show(h.digest, -1))
big = _sha512.sha512()
for i in range(1000):
    big.update(str(i).encode())
print(big.hexdigest())
for c in [_md5.md5, _sha512.sha512, _sha3.sha3_256, _sha3.shake_128]:
    h = c()
    print(show(h.update), show(h.update, b"", b""), show(h.digest, 1), show(h.hexdigest, x=1), show(h.copy, 1),
          show(lambda: type(c(b"", b"")).__name__))
