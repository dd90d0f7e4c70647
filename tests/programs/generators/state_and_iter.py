def gen():
    yield 1
g = gen()
print(iter(g) is g, g.__next__())
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = self.n
        while i > 0:
            yield i
            i -= 1
c = Countdown(3)
print(list(c), list(c))
def running():
    s = 0
    for x in range(5):
        s += x
        yield s
print(list(running()))
def pipeline():
    nums = (i for i in range(20))
    evens = (n for n in nums if n % 2 == 0)
    squares = (e * e for e in evens)
    return list(squares)
print(pipeline())
g = gen()
print(g.gi_running, g.gi_frame is not None)
list(g)
print(g.gi_frame)
def recursive(n):
    if n:
        yield n
        yield from recursive(n - 1)
print(list(recursive(5)))
