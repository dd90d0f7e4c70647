"""Generator pipelines: chained generators, yield from and generator expressions."""


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


def squared(source):
    for x in source:
        yield x * x


def windows(source, size):
    buf = []
    for x in source:
        buf.append(x)
        if len(buf) == size:
            yield tuple(buf)
            buf.pop(0)


def flatten(nested):
    for item in nested:
        if isinstance(item, tuple):
            yield from flatten(item)
        else:
            yield item


total = sum(squared(evens(numbers(5_000_000)))) % 1_000_000_007
wsum = sum(a + b - c for a, b, c in windows(numbers(800_000), 3))
flat = sum(flatten(((i, (i + 1, (i + 2,))) for i in range(300_000))))
print(total, wsum, flat)
