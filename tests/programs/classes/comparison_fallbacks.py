class A:
    def __eq__(self, other):
        print("A.__eq__")
        return NotImplemented
class B:
    def __eq__(self, other):
        print("B.__eq__")
        return NotImplemented
a, b = A(), B()
print(a == b)
print(a != b)
print(a == a)
class Lt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        print("Lt.__lt__", self.v, other.v)
        return self.v < other.v
print(Lt(1) > Lt(2))
class Gt:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        print("Gt.__gt__", self.v)
        return True
print(Lt(5) < Gt(0))
try:
    A() < B()
except TypeError as e:
    print("TypeError:", e)
