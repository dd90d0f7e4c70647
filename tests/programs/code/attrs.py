# The co_* attributes of code objects, their line and position tables.


def plain(a, b=1, *args, c, d=2, **kw):
    x = a + b
    y = [x, c,
         d]
    return x, y


def cells(p):
    q = p * 2

    def inner(r):
        return p + q + r
    return inner


def positional_only(a, b, /, c):
    try:
        return a // b
    except ZeroDivisionError:
        return c


def gen():
    yield 1
    yield 2


FIELDS = ["co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
          "co_flags", "co_firstlineno", "co_name", "co_qualname", "co_varnames",
          "co_cellvars", "co_freevars", "co_names"]

for f in [plain, cells, cells(1), positional_only, gen, (lambda z: z)]:
    co = f.__code__
    print("==", co.co_qualname)
    for name in FIELDS:
        print(" ", name, getattr(co, name))
    print("  consts", [c for c in co.co_consts if not hasattr(c, "co_code")])
    print("  stacksize", co.co_stacksize)
    print("  code", co.co_code.hex())
    print("  adaptive same", co._co_code_adaptive == co.co_code)
    print("  linetable", co.co_linetable.hex())
    print("  exceptiontable", co.co_exceptiontable.hex())
    print("  lnotab", co.co_lnotab.hex())
    print("  lines", list(co.co_lines()))
    print("  positions", list(co.co_positions()))
    n = len(co.co_varnames) + len(co.co_cellvars) + len(co.co_freevars)
    names = []
    for i in range(n + 3):
        try:
            names.append(co._varname_from_oparg(i))
        except IndexError as e:
            names.append("IndexError: " + str(e))
            break
    print("  varname_from_oparg", names)

mod = compile("x = 1\n\n\n\ny = (x +\n  2)\nprint(y)\n", "<mod>", "exec")
print(mod.co_name, mod.co_filename, mod.co_firstlineno, list(mod.co_lines()), mod.co_lnotab)
print(sorted(n for n in dir(plain.__code__) if not n.startswith("__")))
print(type(plain.__code__.co_lines()).__name__ != "list", iter(plain.__code__.co_positions()) is not None)

# A long function: line deltas above 127 and byte deltas above 255 in co_lnotab.
src = "def long():\n    a = 0\n" + "\n" * 300 + "    a += 1\n" + "    a += 2\n" * 200 + "    return a\n"
ns = {}
exec(compile(src, "<long>", "exec"), ns)
lc = ns["long"].__code__
print(ns["long"](), lc.co_lnotab.hex())
print(list(lc.co_lines())[:5], len(list(lc.co_positions())))
