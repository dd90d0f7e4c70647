# code.replace(): new code objects, CPython's argument checks; code equality and hash.


def f(a, b=1, *args, c, **kw):
    x = a

    def g():
        return x
    return g


co = f.__code__
bad = [
    ("positional", lambda: co.replace(1)),
    ("unknown keyword", lambda: co.replace(co_bogus=1)),
    ("negative argcount", lambda: co.replace(co_argcount=-1)),
    ("float argcount", lambda: co.replace(co_argcount=1.5)),
    ("str argcount", lambda: co.replace(co_argcount="x")),
    ("huge argcount", lambda: co.replace(co_argcount=2**40)),
    ("list consts", lambda: co.replace(co_consts=[1])),
    ("int in names", lambda: co.replace(co_names=(1,))),
    ("int name", lambda: co.replace(co_name=1)),
    ("str code", lambda: co.replace(co_code="x")),
    ("odd code", lambda: co.replace(co_code=b"x")),
    ("no varnames", lambda: co.replace(co_varnames=())),
    ("negative nlocals", lambda: co.replace(co_nlocals=-3)),
    ("negative flags", lambda: co.replace(co_flags=-1)),
    ("negative stacksize", lambda: co.replace(co_stacksize=-1)),
    ("negative firstlineno", lambda: co.replace(co_firstlineno=-1)),
    ("negative kwonly", lambda: co.replace(co_kwonlyargcount=-1)),
    ("negative posonly", lambda: co.replace(co_posonlyargcount=-1)),
    ("str linetable", lambda: co.replace(co_linetable="x")),
    ("int freevar", lambda: co.replace(co_freevars=("a", 1))),
    ("None filename", lambda: co.replace(co_filename=None)),
    ("bytes qualname", lambda: co.replace(co_qualname=b"q")),
    ("tuple exceptiontable", lambda: co.replace(co_exceptiontable=())),
]
for what, t in bad:
    try:
        r = t()
        print(what, "-> ok", r.co_name)
    except Exception as e:
        print(what, "->", type(e).__name__, e)

c2 = co.replace(co_name="zz", co_qualname="q.zz", co_firstlineno=7, co_filename="other.py")
print(c2.co_name, c2.co_qualname, c2.co_firstlineno, c2.co_filename)
print(c2 == co, c2 != co, co.replace() == co, co.replace() is co, hash(co.replace()) == hash(co))
print(co == co, co != co, co == 1, co != "x", (co == None) is False)
print(co.co_code == c2.co_code, co.co_consts == c2.co_consts, co.co_varnames == c2.co_varnames)

# Code objects of identical functions compare equal; any field difference makes them unequal.
def twin1(x):
    return x + 1
def twin2(x):
    return x + 1
def other(x):
    return x + 1.0
print(twin1.__code__ == twin2.__code__, twin1.__code__.co_firstlineno != twin2.__code__.co_firstlineno)
t1 = twin1.__code__
t2 = twin2.__code__.replace(co_firstlineno=t1.co_firstlineno, co_name="twin1", co_qualname="twin1")
print(t1 == t2, hash(t1) == hash(t2), len({t1, t2}))
print(other.__code__.replace(co_firstlineno=t1.co_firstlineno, co_name="twin1") == t1)
for change in [dict(co_flags=t1.co_flags | 0x10), dict(co_consts=(None, 1.0)), dict(co_names=("y",)),
               dict(co_varnames=("y",)), dict(co_linetable=b""), dict(co_argcount=1, co_posonlyargcount=1),
               dict(co_consts=(None, True))]:
    try:
        print(sorted(change), t1.replace(**change) == t1)
    except Exception as e:
        print(sorted(change), type(e).__name__, e)
print(t1.replace(co_consts=(None, 1)) == t1, t1.replace(co_consts=(None, 1.0)) == t1.replace(co_consts=(None, 1.0)))
print(t1.replace(co_consts=(None, 0.0)) == t1.replace(co_consts=(None, -0.0)))

# A replaced code object runs.
def add(a, b):
    return a + b
print(add.__code__.replace(co_name="plus").co_name, add(2, 3))
sub = add.__code__.replace(co_consts=add.__code__.co_consts)
def runner(a, b):
    return 0
runner.__code__ = sub
print(runner(10, 4), runner.__name__, runner.__code__.co_name)
