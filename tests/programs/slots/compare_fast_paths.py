# Comparisons that take the fast paths: strs by code point (Latin-1,
# UCS-2 and astral text mixed), tuples item by item (NaN, mixed int/float, nested,
# subclasses with their own __lt__), and sorting on them.

s1, s2 = "\u20ac", "\U0001f600"
print(s1 < s2, s1 == s2, s2 > s1, "a\u20ac" < "a\U0001f600", "é" < "z", "€" > "é", "" < "\x00")
print(sorted(["b", s2, "a", s1, "é", "ab", "\xff", "\u0100"]))
print("\xff" < "\u0100", "\xffa" < "\xff\u0100", "abc" == "ab" + "c", "a€" == "a" + "€")

nan = float("nan")
print((1, nan) < (1, 2.0), (1, nan) == (1, nan), (nan,) == (nan,))
t = (nan,)
print(t == t, [nan] == [nan], (1, 2) < (1, 2.5), (1, 2.0) == (1, 2), (2**70, 1) < (2**70, 2))
print((1, (2, "b")) < (1, (2, "c")), (1, [2]) < (1, [3]), () < (0,), (0,) <= (0,), (0, 0) > (0,))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError:", e)


class Rev(tuple):
    def __lt__(self, other):
        return "Rev.lt"


print(Rev((1,)) < (2,), (2,) > Rev((1,)))
recs = [(i % 7, -i % 5, "k%d" % (i % 3)) for i in range(40)]
print(sorted(recs)[:5], sorted(recs, reverse=True)[:3])
print(max([(1, "b"), (1, "a"), (0, "z")]), min((2.5, 1), (2.5, 0)))
