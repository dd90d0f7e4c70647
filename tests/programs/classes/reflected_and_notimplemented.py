class A:
    def __add__(self, o):
        print("A.__add__")
        return NotImplemented
    def __radd__(self, o):
        print("A.__radd__")
        return "A-radd"
class B:
    def __add__(self, o):
        print("B.__add__")
        return NotImplemented
    def __radd__(self, o):
        print("B.__radd__")
        return "B-radd"
print(A() + B())
print(B() + A())
class Sub(A):
    def __radd__(self, o):
        print("Sub.__radd__")
        return "Sub-radd"
print(A() + Sub())
class Neither:
    def __add__(self, o):
        return NotImplemented
try:
    Neither() + Neither()
except TypeError as e:
    print("TypeError:", e)
class E:
    def __eq__(self, o):
        print("E.__eq__")
        return NotImplemented
print(E() == 1, 1 == E(), E() != 2)
class Iadd:
    def __init__(self):
        self.v = []
    def __iadd__(self, o):
        self.v.append(o)
        return self
x = Iadd(); y = x
x += 1; x += 2
print(x is y, x.v)
class NoIadd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return NoIadd(self.v + o)
a = NoIadd(1); b = a
a += 5
print(a is b, a.v, b.v)
