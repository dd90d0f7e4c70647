# LOAD_ATTR / STORE_ATTR keep the position of the attribute in the
# instance dict as a hint: instances whose dicts have other orders, holes
# after deletions, replaced __dict__s, dict growth, and methods shadowed by
# instance attributes after the site ran hot.
class Obj:
    def __init__(self, order):
        for name in order:
            setattr(self, name, name.upper())

    def who(self):
        return "method"


def read(o):
    return o.a + o.b + o.c


def write(o, v):
    o.b = v
    o.c = v


objs = [Obj("abc"), Obj("cba"), Obj("bca"), Obj("acb")]
for i in range(3000):
    r = read(objs[i % 4])
print(r, [read(o) for o in objs])
for i in range(3000):
    write(objs[i % 4], str(i % 7))
print([read(o) for o in objs])

del objs[0].a
objs[0].a = "x"
print(read(objs[0]), list(vars(objs[0])))
objs[1].__dict__ = {"c": "1", "b": "2", "a": "3"}
print(read(objs[1]))
for k in range(40):
    setattr(objs[2], "extra%d" % k, k)
print(read(objs[2]))
del objs[3].b
try:
    read(objs[3])
except AttributeError as e:
    print("AttributeError", e)
write(objs[3], "w")
print(read(objs[3]))


def call_who(o):
    return o.who()


for i in range(1500):
    w = call_who(objs[i % 4])
print(w)
objs[2].who = lambda: "instance attribute"
print([call_who(o) for o in objs])
del objs[2].who
print(call_who(objs[2]))
Obj.who = lambda self: "replaced"
print(call_who(objs[0]))
