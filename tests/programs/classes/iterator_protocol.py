class Range2:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i - 1
r = Range2(4)
print(list(r), list(r))
for x in Range2(3):
    print("x", x)
it = iter(Range2(2))
print(next(it), next(it), next(it, "done"))
print(sum(Range2(5)), sorted(Range2(3), reverse=True), dict(zip(Range2(2), "ab")))
a, b, c = Range2(3)
print(a, b, c)
class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print("TypeError:", e)
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
