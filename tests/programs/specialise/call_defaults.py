# CALL of a function whose trailing parameters come from __defaults__:
# defaults replaced, shortened or removed after the site ran hot, and the
# argument-count errors.
def f(a, b=2, c=3):
    return (a, b, c)


def g(x, y=[]):
    y.append(x)
    return len(y)


def call1(h, v):
    return h(v)


def call2(h, v, w):
    return h(v, w)


acc = 0
for i in range(3000):
    acc += sum(call1(f, i)) + call2(f, i, 1)[1]
print(acc)
print([g(i) for i in range(5)][-1], g.__defaults__[0][:3])

f.__defaults__ = (20, 30)
print(call1(f, 1), call2(f, 1, 2))
f.__defaults__ = (30,)
print(call2(f, 1, 2))
try:
    call1(f, 1)
except TypeError as e:
    print("TypeError", e)
f.__defaults__ = None
try:
    call2(f, 1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    call1(lambda: 0, 1)
except TypeError as e:
    print("TypeError", e)


def kwonly(a, *, k=5):
    return a + k


def star(a, *rest, b=1):
    return a, rest, b


for i in range(1000):
    r = call1(kwonly, i), call1(star, i), call2(star, i, i)
print(r)


def count(n, step=1):
    return 0 if n <= 0 else 1 + count(n - step)


print(count(500), count(500, 2))
try:
    count(10 ** 6)
except RecursionError:
    print("RecursionError")
