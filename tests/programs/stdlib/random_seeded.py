# random seeded from ints, big ints, negative ints, str, bytes, floats and
# None-free states: every sequence must equal CPython's (same MT19937).
import random

def show(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return f"{type(e).__name__}: {e}"

for seed in [0, 1, 42, -42, 2**32, 2**32 - 1, 2**64 + 3, 10**100, "hello", "", "héllo", b"bytes", bytearray(b"ba"), 3.25, -0.0, True]:
    random.seed(seed)
    print(repr(seed)[:30], random.random(), random.getrandbits(1), random.getrandbits(31), random.getrandbits(32),
          random.getrandbits(33), random.getrandbits(100), random.randrange(1000), random.randint(-5, 5))

random.seed(12345)
print([random.random() for _ in range(5)])
print([random.randint(1, 6) for _ in range(20)])
print(random.choice("abcdefgh"), random.choice(range(1000)), random.choices("abc", k=8), random.choices("abc", [1, 5, 10], k=6))
items = list(range(30)); random.shuffle(items); print(items)
print(random.sample(range(1000), 10), random.sample("abcdefg", 3), random.sample(range(10), k=4, counts=[1] * 10))
print(random.uniform(-3, 3), random.triangular(0, 10, 2), random.gauss(5, 2), random.normalvariate(0, 1))
print(random.expovariate(2), random.betavariate(1.5, 2.5), random.gammavariate(2.0, 1.5), random.gammavariate(0.5, 1))
print(random.lognormvariate(0, 0.5), random.vonmisesvariate(1, 2), random.paretovariate(3), random.weibullvariate(1, 2))
print(random.randbytes(7), random.randrange(0, 10**40, 7), random.getrandbits(0))

state = random.getstate()
a = [random.random() for _ in range(3)]
random.setstate(state)
print(a == [random.random() for _ in range(3)], len(state), state[0], len(state[1]), state[1][-1])

r1, r2 = random.Random(99), random.Random(99)
print(r1.random() == r2.random(), r1.randint(0, 10**12), r2.randint(0, 10**12))
class MyRandom(random.Random):
    pass
m = MyRandom(5)
print(m.random(), m.choice([1, 2, 3]), isinstance(m, random.Random))

import _random
g = _random.Random(8)
print(g.random(), g.getrandbits(64), show(g.getrandbits, -1), show(g.setstate, (1, 2)), show(g.setstate, [1]))
g.seed(2**200); print(g.random())
st = g.getstate()
print(show(g.setstate, st[:-1] + (625,)), show(g.setstate, st[:-1] + (-1,)))
g.setstate(st[:-1] + (624,)); print(g.random())
g = _random.Random(1)  # argument errors
print(show(_random.Random, x=1), show(_random.Random, 1, 2), show(g.seed, 1, 2), show(g.getrandbits), show(g.getrandbits, 1.5),
      show(g.setstate, tuple(range(624)) + ("a",)), show(g.setstate, ("a",) * 625), show(g.setstate, (-1,) * 625), show(g.random, 1))
g.setstate((2**32 + 5,) * 624 + (3,)); print(g.random())
print(show(g.seed, [1]), show(g.seed, 1.5), show(g.seed, "abc") if False else "", type(g).__name__, type(g).__module__)
class R(_random.Random):
    def __init__(self, *a, **k): pass
print(R(1, foo=2).random() >= 0)
print(show(random.seed, [1]), show(random.Random, [1]))
