# LOAD_ATTR of type's getset descriptors on classes (cls.__name__) against
# metaclasses that override them and renamed classes; super() called
# directly by CALL, with its RuntimeErrors.
class A: pass
class M(type):
    @property
    def __name__(cls): return "meta-name"
class B(metaclass=M): pass
def name(c): return c.__name__
for i in range(1000):
    r = [name(c) for c in (A, int, B, A)]
print(r, name(A), name(M), name(type))
A.__name__ = "Renamed"
print(name(A), A.__qualname__)
def sup():
    return super()
try:
    sup()
except RuntimeError as e:
    print(e)
class C:
    def f(self):
        return super()
    def g(self):
        del self
        return super()
print(type(C().f()).__name__)
try:
    C().g()
except RuntimeError as e:
    print(e)
