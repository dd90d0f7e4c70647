# LOAD_ATTR / STORE_ATTR / LOAD_METHOD caches against moving attributes.
class C:
    x = "class x"

    def m(self):
        return "m v1"

def get_x(o):
    return o.x

c = C()
c.x = "instance x"
for i in range(2000):
    get_x(c)
print(get_x(c))
del c.x                              # moved from the instance to the class
print(get_x(c))
c.x = "back on instance"
print(get_x(c))
del c.x
C.x = "new class x"
print(get_x(c))

def call_m(o):
    return o.m()

for i in range(1000):
    call_m(c)
print(call_m(c))
C.m = lambda self: "m v2"            # method redefined on the class after 1000 calls
print(call_m(c))
c.m = lambda: "instance m"           # shadowed by the instance
print(call_m(c))
del c.m
print(call_m(c))

class D(C):
    pass

d = D()
for i in range(1000):
    call_m(d)
print(call_m(d))
C.m = lambda self: "m v3"            # a base class changes
print(call_m(d))
D.m = lambda self: "D.m"
print(call_m(d))

class P:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        return self._v * 10

def get_v(o):
    return o.v

p = P()
for i in range(1000):
    get_v(p)
print(get_v(p))
P.v = "plain now"                    # the property replaced
print(get_v(p))

def set_y(o, v):
    o.y = v

for i in range(1000):
    set_y(c, i)
print(c.y)

class Slotty(C):
    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("wrapped", value))

s = Slotty()
set_y(s, 5)
print(s.y)
C.__setattr__ = lambda self, n, v: object.__setattr__(self, n, "via C")
set_y(c, 7)
print(c.y)

class Desc:
    def __get__(self, obj, owner):
        return "descriptor"
    def __set__(self, obj, value):
        print("Desc.__set__", value)

class E:
    pass

e = E()
e.z = "inst"
def get_z(o):
    return o.z
for i in range(1000):
    get_z(e)
print(get_z(e))
E.z = Desc()                         # a data descriptor now wins
print(get_z(e))
set_y(e, 1)
E.y = Desc()
set_y(e, 2)

def get_attr_of(o):
    return o.attr

class M1:
    attr = "M1"
class M2:
    attr = "M2"
objs = [M1(), M2()] * 600
print(sorted(set(get_attr_of(o) for o in objs)))

import sys
def mod_attr():
    return sys.maxsize > 0
for i in range(1000):
    mod_attr()
print(mod_attr())
