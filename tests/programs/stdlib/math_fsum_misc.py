# math.fsum (exact summation and its errors), constants, big-int
# logarithms, argument conversion (__float__, __index__) and messages.
import math

def show(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)
cases = [[], [0.0], [-0.0], [-0.0, -0.0], [1e-16, 1, 1e16], [1e308, 1e308], [1e308, -1e308, 1e308],
         [0.1] * 10, [1, 2, 3], [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50],
         [2.0**53, -0.5, -2.0**-54], [2.0**53, 1.0, 2.0**-100], [math.inf, 1], [math.inf, -math.inf],
         [math.nan, 1.0], [math.inf, math.nan], [-math.inf, -math.inf, 5.0], [1.7976931348623157e308, 9.979201547673599e291],
         [True, 0.5], [1e-320, 1e-320], [1, 10**20, 0.5]]
for c in cases:
    print(c[:6], show(math.fsum, c))
state = 99
for i in range(40):
    xs = []
    for j in range(3 + i):
        state = (state * 6364136223846793005 + 1) % 2**64
        xs.append(((state >> 11) / 2**53 - 0.5) * 10.0 ** ((state >> 3) % 30 - 15))
    print(repr(math.fsum(xs)), repr(sum(xs)))
print(show(math.fsum, [1, "a"]), show(math.fsum, 3), show(math.fsum, [10**400]))

for n in [1, 2, 10, 2**53 + 1, 10**20, 10**300, 10**400, 2**1023, 2**1024, 2**5000, 3**5000, 10**5000 + 1]:
    print("log", show(math.log, n), show(math.log2, n), show(math.log10, n), show(math.log, n, 7), show(math.log1p, n))
for bad in [0, -1, -10**400, 0.0, -0.5, "a", None]:
    print("log", repr(bad), show(math.log, bad), show(math.log2, bad), show(math.log10, bad))
print(show(math.log, 10, 1), show(math.log, 1, 0), show(math.log, 8, 2), show(math.log, 100, 10), show(math.log, 2, 0.5))
print(show(math.log), show(math.log, 1, 2, 3))

class Fl:
    def __float__(self): return 0.25
class Ix:
    def __index__(self): return 3
class BadFl:
    def __float__(self): return 1
class Both:
    def __float__(self): return 1.5
    def __index__(self): return 9
for x in [Fl(), Ix(), BadFl(), Both(), "1", None, [1], 3 + 0j, 10**400]:
    print(type(x).__name__, show(math.sin, x), show(math.sqrt, x), show(math.isnan, x), show(math.hypot, x, 1))

print(show(math.sin), show(math.sin, 1, 2), show(math.atan2, 1), show(math.pow, 1, 2, 3), show(math.copysign, 1))
print(show(math.nextafter, 1), show(math.floor), show(math.ulp))
print(sorted(n for n in dir(math) if not n.startswith("_")))
print(type(math.pi), math.floor(math.pi), math.ceil(math.e), math.trunc(-math.tau))
print(math.ulp(1.0), math.ulp(0.0), math.ulp(-5e-324), math.ulp(1.7976931348623157e308), math.ulp(2.0**52))
print(math.nextafter(0.0, 1.0), math.nextafter(0.0, -1.0), math.nextafter(1.0, 2.0), math.nextafter(-0.0, 0.0),
      math.nextafter(0.0, -0.0), math.nextafter(1.7976931348623157e308, math.inf), math.nextafter(math.inf, 0))
