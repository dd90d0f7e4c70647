# types.CodeType(...) and types.FunctionType(...): building code objects and functions by hand.
import types


def f(a, b):
    return a + b


def outer():
    x = 10

    def g(y):
        return x + y
    return g


c = f.__code__
args = (c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_stacksize,
        c.co_flags, c.co_code, c.co_consts, c.co_names, c.co_varnames, c.co_filename, c.co_name,
        c.co_qualname, c.co_firstlineno, c.co_linetable, c.co_exceptiontable)
n = types.CodeType(*args)
print(n == c, n.co_name, n.co_varnames, n.co_freevars, n.co_cellvars)
h = types.FunctionType(n, {}, "renamed", (5,))
print(h(2, 3), h(2), h.__name__, h.__qualname__, h.__defaults__)
print(types.FunctionType(c, globals())(1, 1))

bad_code_args = [
    (), args[:15], args + ((), (), 1), ("x",) + args[1:], args[:6] + ("s",) + args[7:],
    args[:7] + ([],) + args[8:], args[:10] + (1,) + args[11:], args[:14] + ("x",) + args[15:],
    args[:3] + (-1,) + args[4:], (-1,) + args[1:], args + ([],), args[:8] + ((1,),) + args[9:],
    args[:9] + (("a", 2),) + args[10:], args[:10] + (None,) + args[11:],
]
for bad in bad_code_args:
    try:
        types.CodeType(*bad)
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
try:
    types.CodeType(*args, freevars=())
except Exception as e:
    print(type(e).__name__, e)

g = outer()
gc = g.__code__
cell = g.__closure__[0]
bad_function_args = [
    lambda: types.FunctionType(1, {}),
    lambda: types.FunctionType(c, []),
    lambda: types.FunctionType(c),
    lambda: types.FunctionType(c, {}, 5),
    lambda: types.FunctionType(c, {}, None, [1]),
    lambda: types.FunctionType(gc, {}),
    lambda: types.FunctionType(gc, {}, None, None, ()),
    lambda: types.FunctionType(gc, {}, None, None, (1,)),
    lambda: types.FunctionType(gc, {}, None, None, [cell]),
    lambda: types.FunctionType(c, {}, None, None, (cell,)),
    lambda: types.FunctionType(c, {}, bogus=1),
]
for t in bad_function_args:
    try:
        t()
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
g2 = types.FunctionType(gc, globals(), closure=(cell,), name="g2")
print(g2(5), g2.__name__, g2.__qualname__, g2.__closure__[0].cell_contents)
