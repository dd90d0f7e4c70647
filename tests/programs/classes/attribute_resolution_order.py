class A:
    x = "A.x"
    def who(self):
        return "A.who"
class B(A):
    pass
class C(A):
    x = "C.x"
    def who(self):
        return "C.who"
class D(B, C):
    pass
d = D()
print(d.x, d.who(), [k.__name__ for k in D.__mro__])
d.x = "instance"
print(d.x, D.x)
del d.x
print(d.x)
C.x = "C.x changed"
print(d.x)
del C.x
print(d.x)
