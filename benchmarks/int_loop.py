"""Integer arithmetic in tight loops: a sieve, a Collatz search and a checksum."""


def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    return sum(flags)


def longest_collatz(limit):
    best, best_len = 1, 1
    for start in range(1, limit):
        n, length = start, 1
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            length += 1
        if length > best_len:
            best, best_len = start, length
    return best, best_len


def checksum(n):
    acc = 0
    for i in range(n):
        acc = (acc * 31 + (i ^ (i >> 3))) & 0xFFFFFFFF
    return acc


print(sieve(2_000_000), longest_collatz(100_000), checksum(2_000_000))
