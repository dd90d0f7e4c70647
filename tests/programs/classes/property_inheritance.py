class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        print("Base setter", val)
        self._v = val
class Child(Base):
    @Base.v.getter
    def v(self):
        return self._v * 100
c = Child()
print(c.v)
c.v = 2
print(c.v)
class ReadOnly(Base):
    v = property(lambda self: "read-only")
r = ReadOnly()
print(r.v)
try:
    r.v = 5
except AttributeError as e:
    print("AttributeError:", e)
print(isinstance(Base.v, property), Base.v.fset is not None, ReadOnly.v.fset)
