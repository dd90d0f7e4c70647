"""Closures, nonlocal state, lambdas and higher-order functions."""


def make_counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


def compose(f, g):
    return lambda x: f(g(x))


def make_adders(n):
    return [lambda x, k=k: x + k for k in range(n)]


def run(n):
    c = make_counter()
    for i in range(n):
        c(i % 3)
    inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
    acc = 0
    for i in range(n):
        acc = (acc + inc_then_double(i)) % 1_000_003
    adders = make_adders(50)
    s = 0
    for i in range(n // 50):
        for add in adders:
            s = add(s) % 99_991
    return c(0), acc, s


print(run(3_000_000))
