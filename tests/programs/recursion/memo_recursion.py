memo = {}
def count_paths(r, c):
    if r == 0 or c == 0:
        return 1
    if (r, c) not in memo:
        memo[(r, c)] = count_paths(r - 1, c) + count_paths(r, c - 1)
    return memo[(r, c)]
print(count_paths(16, 16), len(memo))
def perms(s):
    if len(s) <= 1:
        return [s]
    return [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]
print(perms("abc"), len(perms("abcde")))
def subsets(items):
    if not items:
        return [[]]
    rest = subsets(items[1:])
    return rest + [[items[0]] + r for r in rest]
print(subsets([1, 2, 3]))
def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    m = len(xs) // 2
    a, b = merge_sort(xs[:m]), merge_sort(xs[m:])
    out = []
    while a and b:
        out.append(a.pop(0) if a[0] <= b[0] else b.pop(0))
    return out + a + b
print(merge_sort([5, 3, 9, 1, 5, 0, -2, 8]))
