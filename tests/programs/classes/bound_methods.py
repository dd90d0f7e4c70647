class C:
    def m(self):
        return id(self) == id(c)
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def k(cls):
        return cls.__name__
c = C()
print(c.m(), C.m(c), c.s(2), C.s(3), c.k(), C.k())
m1, m2 = c.m, c.m
print(m1 == m2, m1 is m2, m1.__self__ is c, m1.__func__ is C.m)
print(c.m == C().m, type(c.m).__name__, type(C.m).__name__, type(C.s).__name__)
f = C.m
try:
    f()
except TypeError as e:
    print("TypeError:", e)
c.m = lambda: "instance attribute shadows method"
print(c.m(), C().m())
methods = [c.k, C.s]
print([fn.__name__ for fn in methods])
