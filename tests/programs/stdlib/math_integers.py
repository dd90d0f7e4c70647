# The integer functions of math: factorial, comb, perm, isqrt, gcd, lcm,
# prod, and floor/ceil/trunc with their dunder protocols; huge ints included.
import math

def show(f, *args, **kw):
    try:
        return repr(f(*args, **kw))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

for n in list(range(0, 30)) + [50, 99, 100, 170, 171, 500, True]:
    print("factorial", n, math.factorial(n))
print(math.factorial(5000).bit_length(), math.factorial(5000) % (10**9 + 7), len(str(math.factorial(1000))))
for bad in [-1, 1.5, 2.0, "3", 10**30, -10**30, None]:
    print("factorial", repr(bad), show(math.factorial, bad))

for n in range(0, 12):
    print("comb", n, [math.comb(n, k) for k in range(0, n + 2)])
    print("perm", n, [math.perm(n, k) for k in range(0, n + 2)], math.perm(n), math.perm(n, None))
print(math.comb(1000, 500) % 10**20, math.perm(1000, 300) % 10**20, math.comb(10**30, 3), math.perm(10**30, 2))
print(math.comb(10**20, 10**20 - 2), math.comb(300, 150))
for args in [(-1, 2), (1, -2), (1.0, 2), (3, 1.0), (10**30, 10**20), (10**30, 10**30 + 1), ("a", 1), (True, True)]:
    print("comb", args, show(math.comb, *args), "perm", show(math.perm, *args))
print(show(math.comb, 1), show(math.comb, 1, 2, 3), show(math.perm), show(math.perm, 1, 2, 3))

for n in [0, 1, 2, 3, 4, 15, 16, 17, 24, 25, 2**32 - 1, 2**32, 2**64 - 1, 2**64, 2**64 + 1, 10**40 + 12345,
          10**100, (10**50 + 7)**2, (10**50 + 7)**2 - 1, True]:
    print("isqrt", n, math.isqrt(n))
for bad in [-1, 1.0, "4", -10**40]:
    print("isqrt", repr(bad), show(math.isqrt, bad))

print(math.gcd(), math.gcd(0), math.gcd(-7), math.gcd(12, 18), math.gcd(-12, 18, 0), math.gcd(0, 0),
      math.gcd(2**100, 6**50), math.gcd(3, 5, 7), math.gcd(True, 4))
print(math.lcm(), math.lcm(0), math.lcm(-7), math.lcm(4, 6), math.lcm(-4, 6, 10), math.lcm(0, 5),
      math.lcm(2**70, 3**40), math.lcm(5, 0, 3))
print(show(math.gcd, 1.5), show(math.lcm, 2, "x"), show(math.gcd, 4, 6.0))

class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
print(math.gcd(Idx(12), Idx(8)), math.factorial(Idx(6)), math.comb(Idx(5), Idx(2)), math.isqrt(Idx(50)))

print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod([1.5, 2, 4]), math.prod(range(1, 25)),
      math.prod([2, 3], start=10), math.prod([], start="s"), math.prod([[1], 3]), math.prod([2**40] * 5))
print(math.prod([1, 2.5, 3]), math.prod([True, True]), math.prod(iter([3, 5])), math.prod((x for x in [7, 8])))
print(show(math.prod), show(math.prod, [1], 2), show(math.prod, [1], foo=3), show(math.prod, 5), show(math.prod, ["a", "b"]))

class F:
    def __floor__(self): return "floor!"
    def __ceil__(self): return "ceil!"
    def __trunc__(self): return "trunc!"
class Fl:
    def __float__(self): return 2.5
for x in [0.0, -0.0, 1.5, -1.5, 2.5, -2.5, 1e300, -1e-300, 7, -7, 10**30, True, F(), Fl(), math.inf, -math.inf, math.nan, "a"]:
    print("round", type(x).__name__, show(math.floor, x), show(math.ceil, x), show(math.trunc, x))
class Sub(float):
    pass
print(math.floor(Sub(2.5)), math.ceil(Sub(-2.5)), math.trunc(Sub(-2.5)))
