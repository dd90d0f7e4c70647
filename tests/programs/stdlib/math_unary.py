# Every one-argument float function of math on special values, edge cases
# and a deterministic spread of values; results or exceptions are printed.
import math

def lcg_values(n):
    state = 12345
    out = []
    for _ in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        mant = (state >> 11) / 2**53
        exp = (state % 41) - 20
        sign = -1.0 if state & 1 else 1.0
        out.append(sign * mant * 2.0 ** exp)
    return out

SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, -1e-300, 5e-324, 1e300, -1e300,
           math.inf, -math.inf, math.nan, math.pi, math.e, 0.1, 0.7, 1.5, 3.0, 10.0, 100.0,
           709.0, 710.0, -745.0, 1e16, 2**53 + 0.0, 0.9999999999999999, 1.0000000000000002,
           -2.5, -3.0, 171.5, 200.5, -200.5, 23.0, 24.0, 1e-20, 1e-21, 5.5246800407767296,
           True, 7, -3, 10**20, 2**1023]
VALUES = SPECIAL + lcg_values(150)

NAMES = ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "cos", "cosh", "erf",
         "erfc", "exp", "exp2", "expm1", "fabs", "gamma", "lgamma", "log", "log10", "log1p",
         "log2", "sin", "sinh", "sqrt", "tan", "tanh", "degrees", "radians", "isfinite",
         "isinf", "isnan", "ulp", "frexp", "modf"]

def show(f, x):
    try:
        return repr(f(x))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

for name in NAMES:
    f = getattr(math, name)
    print(name)
    for x in VALUES:
        print("  ", repr(x), show(f, x))
