class M:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"M({self.v})"
    def __add__(self, o): return M(self.v + o.v)
    def __sub__(self, o): return M(self.v - o.v)
    def __mul__(self, o): return M(self.v * o.v)
    def __truediv__(self, o): return M(self.v / o.v)
    def __floordiv__(self, o): return M(self.v // o.v)
    def __mod__(self, o): return M(self.v % o.v)
    def __pow__(self, o): return M(self.v ** o.v)
    def __matmul__(self, o): return M(self.v * 100 + o.v)
    def __and__(self, o): return M(self.v & o.v)
    def __or__(self, o): return M(self.v | o.v)
    def __xor__(self, o): return M(self.v ^ o.v)
    def __lshift__(self, o): return M(self.v << o.v)
    def __rshift__(self, o): return M(self.v >> o.v)
    def __neg__(self): return M(-self.v)
    def __pos__(self): return M(+self.v)
    def __invert__(self): return M(~self.v)
    def __lt__(self, o): return self.v < o.v
    def __le__(self, o): return self.v <= o.v
    def __gt__(self, o): return self.v > o.v
    def __ge__(self, o): return self.v >= o.v
    def __eq__(self, o): return self.v == o.v
    def __ne__(self, o): return self.v != o.v
a, b = M(12), M(5)
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** M(2), a @ b)
print(a & b, a | b, a ^ b, a << M(1), a >> M(1), -a, +a, ~a)
print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == M(12))
x = M(1)
x += M(2); x *= M(3); x -= M(1); x @= M(1)
print(x)
