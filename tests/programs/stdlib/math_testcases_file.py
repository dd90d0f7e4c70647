# Every case of CPython's Lib/test/math_testcases.txt (read from the standard
# library in use, not copied) plus a deterministic spread of arguments
# through the libm wrappers, fsum, hypot and dist, and logs of big ints.
import math, os, sys
lib = os.path.dirname(os.__file__)
path = os.path.join(lib, "test", "math_testcases.txt")
def show(f, *a):
    try:
        return repr(f(*a))
    except Exception as e:
        return f"{type(e).__name__}: {e}"
with open(path) as fh:
    for line in fh:
        line = line.split("--")[0].strip()
        if not line or "->" not in line:
            continue
        lhs, rhs = line.split("->")
        parts = lhs.split()
        fn, args = parts[1], [float(x) for x in parts[2:]]
        f = getattr(math, fn, None)
        if f is None:
            continue
        print(fn, args, show(f, *args))
# random spread
state = 1
def nxt():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return state
for i in range(250):
    s = nxt()
    x = ((s >> 11) / 2**53 - 0.5) * 2.0 ** ((s % 80) - 40)
    y = ((nxt() >> 11) / 2**53 - 0.5) * 2.0 ** ((nxt() % 80) - 40)
    out = []
    for fn in ["gamma", "lgamma", "erf", "erfc", "exp", "expm1", "log1p", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt", "exp2", "log", "log2", "log10", "sqrt", "sin", "cos", "tan", "atan", "asin", "acos"]:
        out.append(show(getattr(math, fn), x))
    for fn in ["atan2", "pow", "fmod", "remainder", "hypot", "copysign", "nextafter"]:
        out.append(show(getattr(math, fn), x, y))
    out.append(show(math.hypot, x, y, x * y, 1.5))
    out.append(show(math.fsum, [x, y, -x, x * 1e10, y * 1e-10, 1.0]))
    out.append(show(math.dist, (x, y), (y, x)))
    out.append(show(math.log, abs(x) + 1, abs(y) + 2))
    print(i, " ".join(out))
for n in range(1, 300):
    big = 7**n * 3 + n
    print(n, show(math.log, big), show(math.log2, big), show(math.log10, big), show(math.log, big, 3))
