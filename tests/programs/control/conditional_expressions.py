for n in range(-2, 3):
    kind = "neg" if n < 0 else "zero" if n == 0 else "pos"
    print(n, kind, "even" if n % 2 == 0 else "odd")
x = None
print(x if x is not None else "default", (x or "fallback"))
vals = [0, "", None, [], "x", 3]
print([v for v in vals if v], [("T" if v else "F") for v in vals])
def sign(v):
    return (v > 0) - (v < 0)
print([sign(v) for v in (-5, 0, 5)])
print(max(1, 2) if True else min(1, 2), [1, 2][True], ("no", "yes")[3 > 2])
