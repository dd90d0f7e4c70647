# sys.tracebacklimit limits the entries printed (the innermost ones are kept).
import sys
from hook_util import show, caught


def f(n):
    if n == 0:
        raise KeyError("k")
    f(n - 1)


def deep(n):
    return deep(n + 1) if n < 40 else f(0)


for limit in [None, 3, 1, True, 0, -5, 10**30, "x"]:
    if limit is None:
        sys.__dict__.pop("tracebacklimit", None)
    else:
        sys.tracebacklimit = limit
    show(caught(f, 4), f"limit {limit!r}")
sys.tracebacklimit = 6
show(caught(deep, 0), "limit 6 with repeats")
sys.tracebacklimit = 2
try:
    try:
        f(3)
    except KeyError as e:
        raise TypeError("chained") from e
except TypeError as e:
    show(e, "limit 2, chained")
del sys.tracebacklimit
