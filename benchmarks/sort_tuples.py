"""Sorting: lists of tuples, key functions, reverse and stability."""


def records(n):
    state = 42
    out = []
    for i in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out.append((state % 1000, (state >> 20) % 97, f"n{i % 5000}"))
    return out


recs = records(200_000)
a = sorted(recs)
b = sorted(recs, key=lambda r: (r[1], r[2]))
c = sorted(recs, key=lambda r: r[0], reverse=True)
d = sorted(r[2] for r in recs)
nums = [r[0] * 1.5 - r[1] for r in recs]
nums.sort()
print(a[0], a[-1], b[0], b[-1], c[0], c[-1], d[0], d[-1], nums[0], nums[len(nums) // 2])
