# super().method() caches the function found after the class on the
# instance type's MRO: methods added, replaced and deleted on classes in
# between, attributes that are not functions, class-bound super, and an
# instance attribute of the same name (which super() never sees).
class A:
    def m(self):
        return "A.m"

    def n(self):
        return "A.n"


class B(A):
    pass


class C(B):
    def m(self):
        return "C>" + super().m()

    def n(self):
        return "C>" + super().n()

    @classmethod
    def cm(cls):
        return super().n.__name__


def run(o, k):
    r = None
    for _ in range(k):
        r = (o.m(), o.n())
    return r


c = C()
print(run(c, 1500))
B.m = lambda self: "B.m"                      # a class in between gains the method
print(run(c, 10))
del B.m
print(run(c, 10))
A.m = lambda self: "new A.m"                  # the found method is replaced
print(run(c, 10))
c.m = "instance"                              # shadows m for c.m, not for super()
print(c.m, C.m(c))
B.n = staticmethod(lambda: "static B.n")      # a wrapper, not a function
print(run(C(), 1200))
print(C.cm(), C().cm())
B.n = 42
try:
    run(C(), 1)
except TypeError as e:
    print("TypeError", e)
del B.n


class D(C):
    def m(self):
        return "D>" + super().m()


print(run(D(), 1000))
print(super(C, D()).m())

class Base:
    def hello(self):
        return "Base"

class Other:
    def hello(self):
        return "Other"

class Sub(Base):
    def hello(self):
        return "Sub>" + super().hello()

for _ in range(1000):
    s = Sub().hello()
print(s)
Sub.__init__ = lambda self: None
print(Sub().hello())
Base.hello = Other.hello
print(Sub().hello())
