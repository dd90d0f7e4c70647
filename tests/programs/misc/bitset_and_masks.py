FLAGS = {"read": 1, "write": 2, "exec": 4, "admin": 8}
def encode(names):
    m = 0
    for n in names:
        m |= FLAGS[n]
    return m
def decode(mask):
    return [n for n, bit in FLAGS.items() if mask & bit]
for perms in (["read"], ["read", "write"], ["exec", "admin", "read"], []):
    m = encode(perms)
    print(m, bin(m), decode(m), decode(m ^ 0b1111), decode(m & ~FLAGS["read"]))
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(i) for i in range(16)], popcount(2 ** 100 - 1))
print([(i, i & -i) for i in (12, 40, 96)], (1 << 10) - 1, 0xFF ^ 0x0F)
