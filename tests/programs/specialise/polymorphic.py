# Two-way inline caches: sites that see two or three classes, and changes
# to either cached class.
class Base:
    kind = "base"

    def __init__(self, v):
        self.v = v

    def get(self):
        return ("Base.get", self.v)

    @property
    def prop(self):
        return ("Base.prop", self.v)

class Sub(Base):
    def get(self):
        return ("Sub.get", self.v)

class Other:
    def __init__(self, v):
        self.v = v

    def get(self):
        return ("Other.get", self.v)

    prop = "Other.prop"

def read(o):
    return o.v, o.get(), o.prop

def write(o, v):
    o.v = v

objs = [Base(1), Sub(2)] * 500
for o in objs:
    read(o)
    write(o, o.v)
print(read(objs[0]), read(objs[1]))
print(read(Other(3)))                  # a third class misses both entries

Sub.get = lambda self: ("new Sub.get", self.v)
print(read(objs[0]), read(objs[1]))
Base.get = lambda self: ("new Base.get", self.v)
print(read(objs[0]), read(objs[1]))
Base.prop = property(lambda self: ("new prop", self.v))
print(read(objs[0]), read(objs[1]))
def v(self):
    return "class property wins"
Sub.v = property(v)
print(read(objs[0]), read(objs[1]))
try:
    write(objs[1], 5)
except AttributeError as e:
    print("AttributeError", type(e).__name__)
write(objs[0], 6)
print(read(objs[0]))

del Sub.v
mixed = [Base(1), Sub(2), Other(3)] * 300
print(sorted(set(str(read(o)) for o in mixed)))
for o in mixed:
    write(o, 9)
print([o.v for o in mixed[:3]])
