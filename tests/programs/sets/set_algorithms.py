a = set(range(0, 30, 2))
b = set(range(0, 30, 3))
print(sorted(a & b), sorted(a - b)[:5], len(a | b), sorted(a ^ b)[:6])
seen = set()
uniq = []
for x in [3, 1, 3, 2, 1, 5, 2]:
    if x not in seen:
        seen.add(x)
        uniq.append(x)
print(uniq, seen)
words = "the quick brown the lazy quick end".split()
print(sorted(set(words)), len(set(words)))
print({1, 2, 3} > {1, 2}, {1, 2} | set(), set() == frozenset(), {1, 2}.union([3], (4,)))
print(sorted({frozenset({1, 2}), frozenset({2, 1}), frozenset()}, key=len))
primes = set(range(2, 50))
for i in range(2, 8):
    primes -= set(range(i * i, 50, i))
print(sorted(primes))
s = {5, 3, 8}
s.update(range(3))
print(s, s.pop() in range(10), len(s))
