# BINARY_OP's inline small-int and float cases against the general path:
# floor division and modulo with every sign, bitwise ops on negatives,
# results leaving the small-int range, float powers and their errors.
vals = [-7, -3, -1, 0, 1, 3, 7, 2 ** 46, -(2 ** 47), 2 ** 47 - 1]
out = []
for a in vals:
    for b in vals:
        row = [a & b, a | b, a ^ b]
        if b:
            row += [a // b, a % b]
        else:
            for op in (lambda: a // b, lambda: a % b):
                try:
                    op()
                except ZeroDivisionError as e:
                    row.append(str(e))
        out.append(tuple(row))
print(len(out), out[:5], out[-5:])
print(sum(sum(v for v in t if isinstance(v, int)) % 1000 for t in out))
acc = 0
for i in range(-3000, 3000):
    acc += (i % 7) + (i // 5) + (i & 12) + (i | 3) + (i ^ 9)
    acc %= 1000003
print(acc)
x = 2 ** 47 - 1
print(x + x, x * 3, -x - x - 3, (-(2 ** 47)) // -1, (-(2 ** 47)) % -1)

fl = [0.5, 2.0, 10.0, 1e30, 3.7]
print([a ** b for a in fl for b in (-1.5, 0.0, 0.5, 2.0)])
for a, b in [(10.0, 400.0), (1e300, 2.0), (0.0, -1.0), (float("inf"), 2.0),
             (float("nan"), 0.0), (2.0, float("nan")), (1.0, float("inf")), (-2.0, 3.0)]:
    try:
        print(a, b, a ** b)
    except (OverflowError, ZeroDivisionError) as e:
        print(a, b, type(e).__name__, e)
t = 0.0
for i in range(1, 3000):
    t += (i * 0.5) ** -1.5
print(round(t, 9))
