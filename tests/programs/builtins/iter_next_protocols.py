it = iter([1, 2])
print(next(it), next(it), next(it, None), next(it, "again"))
s = iter("ab")
print(list(s), list(s))
d = iter({"a": 1, "b": 2})
print(next(d), list(d))
r = iter(range(3))
print(next(r), list(r))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(3)), next(Countdown(0), "empty"))
data = iter([1, 2, 3, 4, 5, 6])
print(list(zip(data, data)))
vals = [5, 6, 0, 7]
it = iter(vals.pop, 0)
print(list(it), vals)
print(iter(it) is it, hasattr(it, "__next__"))
