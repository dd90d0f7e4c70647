class A:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return type(o) is type(self) and o.v == self.v
    def __hash__(self):
        return hash(("A", self.v))
class B(A):
    pass
class C(A):
    def __eq__(self, o):
        return super().__eq__(o)
print(A(1) == A(1), A(1) == B(1), B(1) == B(1), hash(B(1)) == hash(A(1)))
print(C.__hash__ is None)
try:
    {C(1)}
except TypeError as e:
    print("TypeError:", e)
class D(A):
    __hash__ = A.__hash__
    def __eq__(self, o):
        return True
print(len({D(1), D(2)}), D(1) == "anything")
class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v > o.v
    def __repr__(self):
        return f"Rev({self.v})"
print(sorted([Rev(1), Rev(3), Rev(2)]), min(Rev(1), Rev(5)))
