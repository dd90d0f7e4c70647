class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        return NotImplemented
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        return NotImplemented
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
v, w = Vec(1, 2), Vec(3, 4)
print(v + w, w - v, v * 3, 3 * v, -v, abs(w), v * 0.5)
try:
    v + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "s" * v
except TypeError as e:
    print("TypeError:", e)
class Num:
    def __init__(self, v):
        self.v = v
    def __radd__(self, o):
        return Num(o + self.v)
    def __rsub__(self, o):
        return Num(o - self.v)
    def __rtruediv__(self, o):
        return Num(o / self.v)
    def __rpow__(self, o):
        return Num(o ** self.v)
    def __floordiv__(self, o):
        return Num(self.v // o)
    def __mod__(self, o):
        return Num(self.v % o)
    def __pow__(self, o, mod=None):
        return Num(pow(self.v, o, mod))
    def __lshift__(self, o):
        return Num(self.v << o)
    def __and__(self, o):
        return Num(self.v & o)
    def __invert__(self):
        return Num(~self.v)
    def __pos__(self):
        return Num(+self.v)
    def __repr__(self):
        return f"Num({self.v})"
n = Num(7)
print(10 + n, 10 - n, 14 / n, 2 ** n, n // 2, n % 4, n ** 2, pow(n, 2, 5), n << 2, n & 3, ~n, +n)
print(0 + Num(5), sum([Num(1)], 0), sum([Num(1)], 10))
