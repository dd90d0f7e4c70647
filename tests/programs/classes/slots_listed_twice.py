# A __slots__ name listed twice (datetime's class datetime does this) is
# not a conflict; a name the body also binds is.
class A:
    __slots__ = ('a', 'a', 'b')


x = A()
x.a, x.b = 1, 2
print(x.a, x.b, type(A.a).__name__)


class Base:
    __slots__ = ('p', 'q')


class Both(Base):
    __slots__ = Base.__slots__ + ('q', 'r')


y = Both()
y.p, y.q, y.r = 'p', 'q', 'r'
print(y.p, y.q, y.r)
try:
    class C:
        __slots__ = ('v',)
        v = 3
except ValueError as e:
    print('ValueError', e)
