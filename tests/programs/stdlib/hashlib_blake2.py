# _blake2 (blake2b/blake2s with every parameter and its errors) and
# hashlib on top of the builtin digest modules (no OpenSSL _hashlib).
import _blake2
import hashlib

def show(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

for cls in [_blake2.blake2b, _blake2.blake2s]:
    print(cls.__name__, cls.SALT_SIZE, cls.PERSON_SIZE, cls.MAX_KEY_SIZE, cls.MAX_DIGEST_SIZE)
    h = cls()
    print(h.name, h.digest_size, h.block_size, h.hexdigest())
    for data in [b"", b"abc", b"x" * 63, b"x" * 64, b"x" * 65, b"y" * 127, b"y" * 128, b"y" * 129, bytes(range(256)) * 5]:
        print("  ", len(data), cls(data).hexdigest())
    for kw in [dict(digest_size=1), dict(digest_size=20), dict(key=b"secret"), dict(key=b"k" * cls.MAX_KEY_SIZE),
               dict(salt=b"salt"), dict(person=b"me"), dict(fanout=0, depth=2, leaf_size=4096, node_offset=3,
               node_depth=1, inner_size=16), dict(last_node=True), dict(key=b"k", salt=b"s", person=b"p", digest_size=7),
               dict(usedforsecurity=False)]:
        print("  ", kw, cls(b"message", **kw).hexdigest())
    h = cls(b"part1")
    c = h.copy()
    h.update(b"part2")
    c.update(memoryview(b"other"))
    print("  ", h.hexdigest(), c.hexdigest(), h.digest()[:4], cls(b"part1part2").hexdigest() == h.hexdigest())
    for kw in [dict(digest_size=0), dict(digest_size=cls.MAX_DIGEST_SIZE + 1), dict(salt=b"x" * 17), dict(person=b"x" * 17),
               dict(key=b"x" * 65), dict(fanout=256), dict(depth=0), dict(leaf_size=2**32), dict(leaf_size=-1),
               dict(node_offset=2**64), dict(node_offset=2**48), dict(node_offset=-1), dict(node_depth=256),
               dict(inner_size=65), dict(data=b"")]:
        print("  ", kw, show(lambda: type(cls(**kw)).__name__))
    print("  ", show(cls, b"", b""), show(cls, "str"), show(h.update, "s"), show(h.update, 3))

print(sorted(hashlib.algorithms_guaranteed))
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s", "sha3_224", "sha3_256",
             "sha3_384", "sha3_512"]:
    h = hashlib.new(name, b"The quick brown fox")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest(), getattr(hashlib, name)(b"x").hexdigest()[:16])
print(hashlib.shake_128(b"abc").hexdigest(16), hashlib.shake_256(b"abc").hexdigest(8))
print(show(hashlib.new, "nope"), hashlib.new("SHA256", b"a").hexdigest()[:8])
h = _blake2.blake2s()
print(show(h.update), show(h.digest, 1), show(h.hexdigest, x=1), show(h.copy, 1))
