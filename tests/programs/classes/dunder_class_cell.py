class A:
    def who(self):
        return __class__.__name__
    def cls_of_self(self):
        return type(self).__name__
class B(A):
    pass
print(B().who(), B().cls_of_self())
class C:
    def get_super(self):
        return super()
print(type(C().get_super()).__name__)
class D(B):
    def who(self):
        return "D>" + super().who()
print(D().who())
def outside(self):
    return "outside"
D.extra = outside
print(D().extra())
try:
    class E:
        def broken(self):
            return super().missing_method()
    E().broken()
except AttributeError as e:
    print("AttributeError:", e)
