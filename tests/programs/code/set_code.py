# Assigning function.__code__: checks, calls through warm call sites, closures, recursion.


def h():
    return "h"


def k():
    return 42


def make(v):
    def inner():
        return v
    return inner


try:
    h.__code__ = 1
except TypeError as e:
    print("TypeError", e)
try:
    h.__code__ = make(1).__code__
except ValueError as e:
    print("ValueError", e)
c = make(5)
try:
    c.__code__ = k.__code__
except ValueError as e:
    print("ValueError", e)
c.__code__ = make(9).__code__
print(c())

# A call site warmed up on one code object keeps calling the function's current code.
def target(x):
    return x + 1


def other_code(x):
    return x * 100


def call_many(f, n):
    total = 0
    for i in range(n):
        total += f(i)
    return total


print(call_many(target, 2000))
original = target.__code__
target.__code__ = other_code.__code__
print(call_many(target, 2000), target.__name__, target.__code__.co_name)
target.__code__ = original
print(call_many(target, 10))

# Methods and defaults follow the new code.
class A:
    def m(self, y=3):
        return y


def m2(self, y=3):
    return -y


for _ in range(100):
    A().m()
A.m.__code__ = m2.__code__
print(A().m(), A().m(7))

# A function that replaces its own code while it runs (and is on the stack several times).
def fact(n):
    if n == 3:
        fact.__code__ = swapped.__code__
    return 1 if n <= 1 else n * fact(n - 1)


def swapped(n):
    return 1000 + n


print(fact(6), fact(6))

# Generators and coroutines.
def g1():
    yield 1
    yield 2


def g2():
    yield "a"


gf = g1
print(list(gf()))
gf.__code__ = g2.__code__
print(list(gf()))
h.__code__ = k.__code__
print(h(), h.__name__, h.__qualname__)
