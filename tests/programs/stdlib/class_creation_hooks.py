# __init_subclass__ with keywords, __set_name__, __prepare__, __mro_entries__,
# metaclass __call__, __instancecheck__/__subclasscheck__.
class Base:
    registry = []
    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.registry.append(cls.__name__)
class A(Base, tag="a"): pass
class B(A): pass
print(A.tag, B.tag, Base.registry)
try:
    class C(object, bad=1): pass
except TypeError as e:
    print("TypeError:", e)
class Field:
    def __set_name__(self, owner, name):
        self.owner, self.name = owner.__name__, name
    def __get__(self, obj, typ=None):
        return self if obj is None else f"{self.name} of {self.owner}"
class M:
    first = Field()
    second = Field()
print(M.first.name, M().second)
class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return {"injected": 42}
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)
    def __call__(cls, *a, **k):
        print("meta call", cls.__name__, a)
        return super().__call__(*a, **k)
class D(metaclass=OrderedMeta, flag=True):
    x = 1
print(D.injected, D().x)
class BadMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 3
try:
    class E(metaclass=BadMeta): pass
except TypeError as e:
    print("TypeError:", e)
class Entry:
    def __mro_entries__(self, bases):
        return (dict,)
class F(Entry()):
    pass
print(F.__bases__, type(F.__orig_bases__[0]).__name__, F(a=1))
class Even(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int) and obj % 2 == 0
    def __subclasscheck__(cls, sub):
        return sub is bool
class EvenT(metaclass=Even): pass
print(isinstance(4, EvenT), isinstance(3, EvenT), issubclass(bool, EvenT), issubclass(int, EvenT))
print(isinstance(3, (EvenT, str)), issubclass(bool, (str, EvenT)))
print(type.__prepare__("X", ()), type(type.__dict__).__name__)
