# __slots__: member descriptors, no __dict__, inheritance, errors.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "y"), hasattr(p, "__dict__"), P.x, type(P.x).__name__)
p.y = 5
print(p.y, P.x.__name__, P.y.__get__(p, P))
del p.y
print(hasattr(p, "y"))
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    P.x.__get__(3, int)
except TypeError as e:
    print("TypeError:", e)
class Q(P):
    pass
q = Q(2)
q.other = 3
print(q.x, q.other, "other" in vars(q))
class R(P):
    __slots__ = ("__dict__", "__priv")
    def setp(self, v):
        self.__priv = v
        return self.__priv
r = R(3)
r.w = 9
print(r.x, r.w, r.setp(7), sorted(k for k in R.__dict__ if not k.startswith("__")))
try:
    class Bad:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print("ValueError:", e)
try:
    class Bad2:
        __slots__ = (1,)
except TypeError as e:
    print("TypeError:", e)
class One:
    __slots__ = "only"
print(One.__slots__, One.only, sorted(One.__dict__))
print(sorted(P.__dict__), "__weakref__" in P.__dict__)
