class A:
    def f(self): return "A.f"
    x = "A.x"
class B:
    def f(self): return "B.f"
    x = "B.x"
class C(A):
    pass
class D(C):
    pass
c, d = C(), D()
def call_f(o):
    return o.f()
def get_x(o):
    return o.x
for i in range(20):
    call_f(d); get_x(d); call_f(c)
print(C.__bases__, C.__mro__, D.__mro__)
print(call_f(c), call_f(d), get_x(d), c.x, C.x, D.x)
C.__bases__ = (B,)
print(C.__bases__, C.__mro__, D.__mro__)
print(call_f(c), call_f(d), get_x(d), c.x, C.x, D.x)
print(isinstance(d, A), isinstance(d, B), issubclass(D, B), issubclass(C, A))
print(A.__subclasses__(), B.__subclasses__())
C.__bases__ = (A, B)
print(C.__mro__, call_f(d))
for bad in ((), [A], (A, 1), (D,), (C,), (int,), (list,), (A, A), 5, None):
    try:
        C.__bases__ = bad
        print("ok", C.__mro__)
    except Exception as e:
        print(type(e).__name__, e)
class X(A, B): pass
class Y(B, A): pass
class Z(X): pass
try:
    Z.__bases__ = (X, Y)
except TypeError as e:
    print("TypeError", e)
print(Z.__mro__)
class S:
    __slots__ = ("a",)
class T:
    __slots__ = ("a",)
class U(S): __slots__ = ()
try:
    U.__bases__ = (T,)
    print("slots ok", U.__mro__)
except TypeError as e:
    print("TypeError", e)
try:
    U.__bases__ = (A,)
except TypeError as e:
    print("TypeError", e)
class M(type): pass
class K(metaclass=M): pass
class KK(K): pass
KK.__bases__ = (A,)
print(KK.__mro__, type(KK))
class E1(Exception): pass
class E2(E1): pass
E2.__bases__ = (ValueError,)
print(E2.__mro__)
try:
    raise E2("x")
except ValueError as e:
    print("caught", repr(e))
class N: pass
N.__name__ = "Renamed"
N.__qualname__ = "Outer.Renamed"
print(N, N.__name__, N.__qualname__, repr(N()).split(" object")[0])
class A: pass
try:
    class Q(A, A): pass
except TypeError as e: print(e)
try:
    type("Q", (A, A), {})
except TypeError as e: print(e)
