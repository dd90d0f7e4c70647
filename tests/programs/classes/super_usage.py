class A:
    def __init__(self):
        print("A.__init__")
        self.a = 1
    @classmethod
    def make(cls):
        return cls.__name__
class B(A):
    def __init__(self):
        print("B.__init__")
        super().__init__()
        self.b = 2
    @classmethod
    def make(cls):
        return "B:" + super().make()
class C(B):
    def __init__(self):
        super(B, self).__init__()
        print("C skipped B")
c = C()
print(c.a, hasattr(c, "b"), B.make(), C.make())
b = B()
print(super(B, b).make(), b.a, b.b)
class Mixin:
    def describe(self):
        return "mixin+" + super().describe()
class Core:
    def describe(self):
        return "core"
class Both(Mixin, Core):
    pass
print(Both().describe())
