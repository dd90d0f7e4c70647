"""Set heavy: membership, unions, intersections, differences and set comprehensions."""


def run(n):
    a = set(range(0, n, 2))
    b = set(range(0, n, 3))
    hits = 0
    for i in range(n):
        if i in a and i not in b:
            hits += 1
    total = len(a | b) + len(a & b) + len(a - b) + len(a ^ b)
    buckets = [set() for _ in range(16)]
    for i in range(n):
        buckets[i % 16].add(i * 7 % 1009)
    merged = set()
    for s in buckets:
        merged |= s
    squares = {i * i % 10_007 for i in range(n)}
    return hits, total, len(merged), len(squares)


print(run(3_000_000))
