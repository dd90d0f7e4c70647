def bubble(xs):
    xs = xs[:]
    for i in range(len(xs)):
        for j in range(len(xs) - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs
print(bubble([5, 1, 4, 2, 8, 0]))
def bsearch(xs, t):
    lo, hi = 0, len(xs)
    while lo < hi:
        mid = (lo + hi) // 2
        if xs[mid] < t:
            lo = mid + 1
        else:
            hi = mid
    return lo
xs = list(range(0, 100, 3))
print([bsearch(xs, t) for t in (0, 1, 50, 99, 100)])
def rotate(xs, k):
    k %= len(xs)
    return xs[-k:] + xs[:-k]
print(rotate([1, 2, 3, 4, 5], 2), rotate([1, 2, 3], -1))
stack = []
for ch in "(a[b]{c})":
    if ch in "([{":
        stack.append(ch)
    elif ch in ")]}":
        stack.pop()
print(stack == [])
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue)
print([x for pair in zip([1, 3], [2, 4]) for x in pair])
print(list(map(list, zip(*[[1, 2, 3], [4, 5, 6]]))))
