# How much of the recursion limit each kind of call uses, at a call site
# CPython 3.11 has not specialised yet (the first call) and at one it has
# (the tenth): the depth still reachable inside each dunder is measured.
import sys
def g(n):
    try: return g(n+1)
    except RecursionError: return n
LAST = [0]
def depth():
    LAST[0] = g(0)
    return LAST[0]
base = depth()
class A:
    def __init__(self, x=None):
        if x is not None: self.d = depth()
    def __repr__(self): return str(depth())
    def __str__(self): return str(depth())
    def __len__(self): return depth()
    def __format__(self, spec): return str(depth())
    def __getattr__(self, name): return depth()
    def __call__(self, *a, **k): return depth()
    def __eq__(self, o): return depth()
    def __lt__(self, o): return depth()
    def __hash__(self): return depth()
    def __index__(self): return depth()
    def __getitem__(self, i): return depth()
    def __contains__(self, i): return depth()
    def __iter__(self): return self
    def __next__(self): return depth()
    def __add__(self, o): return depth()
    def __radd__(self, o): return depth()
    def __neg__(self): return depth()
    def meth(self, *a): return depth()
    @property
    def prop(self): return depth()
a = A()
def num(r):
    if isinstance(r, str): r = int(r)
    if isinstance(r, A): r = r.d
    return r
CASES = [
    ("direct", lambda: a.__repr__()),
    ("repr", lambda: repr(a)),
    ("str", lambda: str(a)),
    ("format", lambda: format(a)),
    ("fstr", lambda: f"{a}"),
    ("fstr_r", lambda: f"{a!r}"),
    ("fstr_s", lambda: f"{a!s}"),
    ("pct_r", lambda: "%r" % (a,)),
    ("pct_s", lambda: "%s" % (a,)),
    ("len", lambda: len(a)),
    ("getattr", lambda: getattr(a, "zz")),
    ("attr", lambda: a.zz),
    ("call", lambda: a()),
    ("callkw", lambda: a(x=1)),
    ("eq", lambda: a == 1),
    ("lt", lambda: a < 1),
    ("hash", lambda: hash(a)),
    ("listrepr", lambda: repr([a])[1:-1]),
    ("dictrepr", lambda: repr({1: a})[4:-1]),
    ("tuplerepr", lambda: repr((a,))[1:-2]),
    ("meth", lambda: a.meth()),
    ("unbound", lambda: A.meth(a)),
    ("strformat", lambda: "{}".format(a)),
    ("strformat_r", lambda: "{!r}".format(a)),
    ("map", lambda: list(map(A.meth, [a]))[0]),
    ("next", lambda: next(a)),
    ("iterfor", lambda: [x for x in [a.__next__()]][0]),
    ("contains", lambda: 1 in a),
    ("getitem", lambda: a[0]),
    ("add", lambda: a + 1),
    ("neg", lambda: -a),
    ("prop", lambda: a.prop),
    ("init", lambda: A(1)),
    ("hex_index", lambda: int(hex(a), 16)),
    ("range_index", lambda: len(range(a))),
    ("str_join", lambda: "".join([str(a)])),
    ("sorted_key", lambda: sorted([a], key=A.meth)[0] and 0),
    ("max", lambda: max([1], key=lambda v: depth())),
    ("min_key", lambda: min([1, 2], key=a)),
    ("sum", lambda: sum([1], a)),
    ("sum_radd", lambda: sum([a])),
    ("dict_get", lambda: {}.get(1, None) or depth()),
    ("list_index", lambda: [1,2,3][a:a]),
    ("getattr_builtin", lambda: getattr(a, "prop")),
    ("print_str", lambda: print(a, end=" ") or 0),
]
for name, f in CASES:
    res = []
    for i in range(10):
        LAST[0] = None
        f()
        res.append(base - LAST[0])
    print(name, res[0], res[-1], flush=True)
