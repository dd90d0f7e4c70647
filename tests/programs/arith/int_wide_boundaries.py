# Int operators around the 48-, 64- and 128-bit boundaries (where the VM
# switches between small ints, i128 arithmetic and big ints): signs of
# floor division and modulo, shifts, bit operations, and the errors.

edges = []
for bits in (46, 47, 48, 62, 63, 64, 65, 126, 127, 128, 129):
    for d in (-1, 0, 1):
        edges.append(2**bits + d)
        edges.append(-(2**bits) + d)
edges += [0, 1, -1, 3, -7, 1103515245, 6364136223846793005]

acc = 0
rows = 0
for a in edges:
    for b in edges:
        vals = [a + b, a - b, a * b, a & b, a | b, a ^ b]
        if b:
            vals += [a // b, a % b, divmod(a, b)]
        for v in vals:
            acc = (acc * 1000003 + hash(v)) % (2**61 - 1)
        rows += 1
print(rows, acc)

for a in (2**127 - 1, -(2**127), 2**100 + 5, -(2**100) - 5, 12345, -12345):
    for b in (7, -7, 2**64 + 1, -(2**64) - 1, 2**127 - 1, -(2**127)):
        print(a // b, a % b, a * b, a - b)

for a in (1, -1, 2**62, -(2**62), 2**120, -(2**120) - 3):
    print([a << s for s in (0, 1, 5, 63, 64, 65, 126, 127, 200)])
    print([a >> s for s in (0, 1, 5, 63, 64, 65, 126, 127, 128, 1000)])

x = -(2**127)
print(x // -1, x % -1, x * -1, -x, x - 1, x + x)
print((2**127 - 1) + 1, (2**127 - 1) * 2, 2**64 * 2**63)
print(True + 2**64, 2**64 - True, (2**64) & True, False | 2**70)

for expr in ("2**70 // 0", "2**70 % 0", "(-2**70) << -1", "2**70 >> -1", "5 % 0"):
    try:
        eval(expr)
    except (ZeroDivisionError, ValueError) as e:
        print(expr, type(e).__name__, e)

state = 12345
for _ in range(1000):
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
print(state)
state = 42
for _ in range(1000):
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
print(state, state >> 20, state % 1000)


class MyInt(int):
    pass


print(MyInt(2**70) + 1, type(MyInt(2**70) * 2).__name__, 2**70 - MyInt(3))
