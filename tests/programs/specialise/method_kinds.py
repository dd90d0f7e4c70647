# LOAD_METHOD / LOAD_ATTR caches for staticmethod, classmethod and property
# against redefinition, shadowing and wrappers changed in place.
class A:
    @staticmethod
    def s(x):
        return ("A.s", x)

    @classmethod
    def c(cls, x):
        return (cls.__name__, "A.c", x)

    @property
    def p(self):
        return "A.p"

class B(A):
    pass

def call_s(o):
    return o.s(1)

def call_c(o):
    return o.c(2)

def get_p(o):
    return o.p

a, b = A(), B()
for i in range(1000):
    call_s(a)
    call_c(a)
    call_c(b)
    get_p(a)
print(call_s(a), call_c(a), call_c(b), get_p(a))

A.s = staticmethod(lambda x: ("new s", x))
A.c = classmethod(lambda cls, x: ("new c", cls.__name__, x))
print(call_s(a), call_c(a), call_c(b))

A.__dict__["s"].__init__(lambda x: ("reinit s", x))   # same wrapper, new function
A.__dict__["c"].__init__(lambda cls, x: ("reinit c", cls.__name__, x))
print(call_s(a), call_c(b))

a.s = lambda x: ("instance s", x)                     # shadowed by the instance
print(call_s(a), call_s(b))
del a.s
print(call_s(a))

A.__dict__["p"].__init__(lambda self: "reinit p")     # property getter changed in place
print(get_p(a), get_p(b))
A.p = property(lambda self: "new p")
print(get_p(a), get_p(b))
B.p = "plain on B"
print(get_p(a), get_p(b))

class Raiser:
    @property
    def bad(self):
        raise ValueError("from getter")

def get_bad(o):
    return o.bad

for i in range(3):
    try:
        get_bad(Raiser())
    except ValueError as e:
        print("ValueError:", e)

def call_append(lst, v):
    lst.append(v)
    return lst

for i in range(1000):
    call_append([], i)

class MyList(list):
    def append(self, v):
        super().append(("wrapped", v))

print(call_append([], 1), call_append(MyList(), 2))
