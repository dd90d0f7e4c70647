# CALL caches: the callee's kind, arity and defaults change under a hot site.
def f(a, b):
    return a + b

def call2(fn, x):
    return fn(x, 1)

for i in range(2000):
    call2(f, i)
print(call2(f, 10))

def g(a, b=5, *rest):
    return (a, b, rest)

print(call2(g, 1))
print(call2(lambda a, b: a * b, 7), call2(max, 3), call2(divmod, 17))

class K:
    def __init__(self, a, b):
        self.t = (a, b)
    def meth(self, x, y):
        return ("meth", x, y)

print(call2(K, 4).t, call2(K(0, 0).meth, 2))
f.__defaults__ = (100,)
def h(a, b, c=3):
    return a + b + c
print(call2(h, 1))
print(call2(h, 1))
try:
    call2(lambda a: a, 1)
except TypeError as e:
    print("TypeError:", e)

def recurse(n):
    return n if n < 2 else recurse(n - 1) + recurse(n - 2)

print(recurse(20))

def kw(a, *, key):
    return a, key

def call_kw(fn):
    return fn(1, key=2)

for i in range(1500):
    call_kw(kw)
print(call_kw(kw), call_kw(lambda a, key: a - key))

class Callable:
    def __call__(self, a, b):
        return "called", a, b

print(call2(Callable(), 9))

def gen(a, b):
    yield a
    yield b

print(list(call2(gen, 8)))

def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)

try:
    deep(100000)
except RecursionError as e:
    print("RecursionError:", e)
print(deep(500))
