# Small-int fast paths for **, << and >> at the edges where results leave
# the small range or the operation needs the general path.
vals = [0, 1, -1, 2, -2, 3, 7, -7, 2**20, -(2**20), 2**46, -(2**47), 2**47 - 1]
for x in vals:
    row = []
    for y in [0, 1, 2, 3, 5, 17, 31, 47, 48, 62, 63, 64, 65, 100]:
        row.append((x ** y) % 1000003 if y < 70 else 0)
        row.append(x << y)
        row.append(x >> y)
    print(x, sum(row) % (2**61 - 1), (x << 63) >> 63 == x, x >> 1000)
print(2 ** -1, (-2) ** -2, 0 ** 0, (-3) ** 3, 10 ** 15, 7 ** 40)
for bad in [lambda: 1 << -1, lambda: 1 >> -1, lambda: 0 ** -1]:
    try:
        bad()
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
x = 5
x **= 3
x <<= 4
x >>= 2
print(x, True << 3, True ** 2, False >> 1, pow(3, 4), pow(3, 4, 5))
