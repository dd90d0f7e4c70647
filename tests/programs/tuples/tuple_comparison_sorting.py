pts = [(2, "b"), (1, "z"), (2, "a"), (1, "a", 0), (1, "a")]
print(sorted(pts))
print((1, 2) < (1, 2, 0), (1, 3) > (1, 2, 9), (0,) < (0, 0), () == ())
print(max(pts), min(pts), (1, "a") in pts)
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError:", e)
print((float("nan"),) < (1,), (1, 2.0) == (1, 2))
n = float("nan")
print((n,) == (n,), [n] == [n])
