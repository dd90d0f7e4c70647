# Stability and the key types the sort specialises on: small ints, floats
# (with nan and signed zeros), strs of every width, tuples (prefixes,
# mixed items), big ints, bools, mixtures, and reverse with equal keys.

recs = [(i % 7, i % 3, "abc"[i % 3] * (i % 4), i) for i in range(300)]
print(sorted(recs, key=lambda r: r[0])[:10])
print(sorted(recs, key=lambda r: r[0], reverse=True)[:10])
print(sorted(recs, key=lambda r: (r[1], r[2]))[:10])
print(sorted(recs, key=lambda r: (r[1], r[2]), reverse=True)[:10])
print(sorted(recs, key=lambda r: r[2])[:8])

floats = [3.5, -0.0, 0.0, 1e300, -1e300, 2.25, float("inf"), -float("inf"), 0.0, -0.0]
print(sorted(floats))
print(sorted(floats, reverse=True))
nan = float("nan")
print(sorted([3.0, nan, 1.0, 2.0, nan, 0.5]))

strs = ["b", "a", "é", "ab", "", "€", "\U0001F600", "aa", "Z", "z", "\x00", "ÿ"]
print(sorted(strs))
print(sorted(strs, key=len))
print(sorted(strs, reverse=True))

big = [10**30, -10**30, 5, 2**62, -(2**62), 0, 2**47, -(2**47) - 1, 2**47 - 1]
print(sorted(big))
print(sorted([True, 0, False, 1, -1, 2.5, True]))
print(sorted([(1,), (1, 0), (), (0, 5), (1, -1), (0,)]))
print(sorted([(1, "b"), (1, "a"), (0, "z"), (1, "a", 0)]))
print(sorted([(2.5, 1), (2, 2), (2.0, 0), (True, 3)]))

words = "the quick brown fox jumps over the lazy dog again and again".split()
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=str.lower, reverse=True))

pairs = [(i // 10, i) for i in range(100)][::-1]
print(sorted(pairs, key=lambda p: p[0])[:12])
data = list(range(50))
data.sort(key=lambda x: x % 5, reverse=True)
print(data)
