class A:
    x = 1
    def f(self):
        pass
class B(A):
    y = 2
print(sorted(k for k in B.__dict__ if not k.startswith("__")), "x" in A.__dict__, "x" in B.__dict__)
print(hasattr(B, "x"), getattr(B, "y"), getattr(B, "z", "dflt"))
b = B()
setattr(b, "dyn", 10)
print(b.dyn, getattr(b, "dyn"), vars(b))
delattr(b, "dyn")
print(hasattr(b, "dyn"))
print(type(A), type(type), isinstance(A, type), type(b).__mro__[-1].__name__)
print(A.f.__name__, B().f.__func__ is A.f)
T = type("T", (A,), {"z": 3, "hello": lambda self: "hi"})
print(T.__name__, T().z, T().x, T().hello(), [c.__name__ for c in T.__mro__])
print(B.__subclasses__(), A.__subclasses__()[0].__name__)
