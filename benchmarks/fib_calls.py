"""Call-heavy: naive recursive Fibonacci plus a few small function chains."""


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def add(a, b):
    return a + b


def twice(f, x):
    return f(f(x, 1), 1)


def chain(n):
    total = 0
    for i in range(n):
        total = add(total, twice(add, i))
    return total


print(fib(33), chain(1_000_000))
