# The two-argument float functions of math (atan2, copysign, fmod, pow,
# remainder, nextafter, ldexp, log with a base, hypot, dist, isclose).
import math

POINTS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -2.0, 3.0, -3.5, 1e-310, 1e308, -1e308,
          math.inf, -math.inf, math.nan, 10.0, 0.1, 7, -1, 1e-5, 2**60, 123.456]

def show(f, *args, **kw):
    try:
        return repr(f(*args, **kw))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

for name in ["atan2", "copysign", "fmod", "pow", "remainder", "nextafter", "hypot", "log"]:
    f = getattr(math, name)
    print(name)
    for x in POINTS:
        print("  ", repr(x), " ".join(show(f, x, y) for y in POINTS))

print("ldexp")
for x in [0.0, -0.0, 1.0, -1.5, 0.75, 1e-310, 1e308, math.inf, math.nan, 3.0]:
    for i in [0, 1, -1, 52, -1074, -1075, -1076, 1023, 1024, -1022, -1023, 2**31, -2**31, 10**30, -10**30, True]:
        print("  ", repr(x), i, show(math.ldexp, x, i))
print(show(math.ldexp, 1.0, 1.5))
print(show(math.ldexp, 1.0, "1"))

print("hypot")
print(math.hypot(), math.hypot(3), math.hypot(-3), math.hypot(3, 4), math.hypot(3, 4, 12))
print(math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308, 1e308) if False else "skip")
print(show(math.hypot, 1e308, 1e308), show(math.hypot, math.inf, math.nan), show(math.hypot, math.nan, 1))
state = 7
for i in range(60):
    args = []
    for j in range(1 + i % 6):
        state = (state * 1103515245 + 12345) % 2**31
        args.append((state / 2**31 - 0.5) * 10.0 ** ((state % 13) - 6))
    print("  ", repr(math.hypot(*args)), repr(math.dist(args, [0.25] * len(args))))
print(show(math.dist, [1, 2], [1]), show(math.dist, 1, 2), show(math.dist, (1, 2), (3, "a")))
print(math.dist((1, 2, 3), (4, 6, 3)), math.dist([1.5], (2.5,)), math.dist(iter([0, 0]), [3, 4]))

print("isclose")
for a, b in [(1.0, 1.0 + 1e-10), (1.0, 1.1), (0.0, 1e-10), (math.inf, math.inf), (math.inf, -math.inf),
             (math.nan, math.nan), (1e10, 1e10 + 1), (-1.0, -1.0000000001)]:
    print("  ", a, b, math.isclose(a, b), math.isclose(a, b, rel_tol=0.2), math.isclose(a, b, abs_tol=1e-9))
print(show(math.isclose, 1, 2, rel_tol=-1), show(math.isclose, 1, 2, abs_tol=-0.5))
print(show(lambda: math.isclose(1)), show(lambda: math.isclose(1, 2, 3)), show(lambda: math.isclose(1, 2, foo=3)))
print(math.isclose(a=1, b=1.0), show(lambda: math.isclose("a", 1)))
