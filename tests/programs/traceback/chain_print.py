# What sys.excepthook prints for chained exceptions and notes (CPython's print_exception).
from hook_util import show, caught


def a():
    raise ValueError("in a")


def b():
    try:
        a()
    except ValueError as e:
        raise TypeError("in b") from e


def c():
    try:
        a()
    except ValueError:
        raise KeyError("in c")


def d():
    try:
        a()
    except ValueError:
        raise KeyError("in d") from None


def e():
    try:
        b()
    except TypeError:
        raise RuntimeError("in e")


show(caught(a), "plain")
show(caught(b), "cause")
show(caught(c), "context")
show(caught(d), "suppressed")
show(caught(e), "cause then context")

x = caught(b)
x.__suppress_context__ = False
x.__context__ = RuntimeError("context ignored when there is a cause")
show(x, "cause wins")

# A cycle: the chain stops at an exception already printed.
p, q = ValueError("p"), ValueError("q")
p.__context__ = q
q.__context__ = p
show(p, "cycle")
r = ValueError("r")
r.__cause__ = p
p.__context__ = r
show(r, "cause cycle")

n = caught(a)
n.add_note("first note")
n.add_note("two\nlines")
n.add_note("trailing newline\n")
n.__notes__.append(12345)
show(n, "notes")
for notes in ["abc", 17, ("t1", "t2"), [], None]:
    m = ValueError("m")
    m.__notes__ = notes
    show(m, "notes = " + repr(notes))


class BadStr(Exception):
    def __str__(self):
        raise RuntimeError("no str")


class Note:
    def __str__(self):
        raise ValueError("bad note")


show(BadStr("x"), "str fails")
o = ValueError("o")
o.__notes__ = [Note(), "ok"]
show(o, "note str fails")
show(ValueError(), "empty message")
show(KeyError("k"), "key error")


class Mod:
    class Inner(Exception):
        pass


show(Mod.Inner("qualified"), "qualname")


def recurse(n):
    return recurse(n + 1) if n < 30 else a()


show(caught(recurse, 0), "repeated frames")


def expr_error():
    values = [1, 2]
    total = values[0] + values[1] * values[5]
    return total


show(caught(expr_error), "anchors")


def call_error():
    result = len(5) + 1
    return result


show(caught(call_error), "call carets")
