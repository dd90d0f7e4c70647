# functools: reduce, partial, wraps, lru_cache, cached_property, total_ordering, cmp_to_key.
import functools
from functools import reduce, partial, wraps, lru_cache, cached_property, total_ordering, cmp_to_key
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 10))
p = partial(pow, 2)
print(p(10), p.func is pow, p.args, partial(int, base=2)("101"))
def deco(f):
    @wraps(f)
    def inner(*a):
        return f(*a) + 1
    return inner
@deco
def add(a, b):
    "Adds."
    return a + b
print(add(1, 2), add.__name__, add.__doc__, add.__wrapped__.__name__)
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().hits > 0)
class C:
    def __init__(self):
        self.calls = 0
    @cached_property
    def value(self):
        self.calls += 1
        return 42
c = C()
print(c.value, c.value, c.calls)
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
