# Exception groups as sys.excepthook prints them: boxes, nesting, limits, chains inside groups.
from hook_util import show, caught


def leaf(n):
    raise ValueError(f"leaf {n}")


def raise_group(msg, excs):
    raise ExceptionGroup(msg, excs)


def raised(f, *args):
    return caught(f, *args)


show(raised(raise_group, "flat", [ValueError(1), TypeError(2)]), "flat")
show(raised(raise_group, "nested", [ValueError(1),
                                    ExceptionGroup("inner", [TypeError(2), KeyError(3)]),
                                    OSError(4)]), "nested")
members = [raised(leaf, i) for i in range(3)]
show(raised(raise_group, "with tracebacks", members), "with tracebacks")
show(ExceptionGroup("never raised", [ValueError("a")]), "never raised")
show(BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError()]), "base group")

wide = ExceptionGroup("wide", [ValueError(i) for i in range(20)])
show(wide, "wide")
show(ExceptionGroup("sixteen", [ValueError(i) for i in range(16)]), "sixteen")

deep = ValueError("bottom")
for i in range(13):
    deep = ExceptionGroup(f"level {i}", [deep])
show(deep, "deep")


def chained_member():
    try:
        leaf(7)
    except ValueError as e:
        raise RuntimeError("wrapped") from e


def context_member():
    try:
        {}["missing"]
    except KeyError:
        raise TypeError("while handling")


def group_of_chains():
    raise ExceptionGroup("chains", [caught(chained_member), caught(context_member)])


show(caught(group_of_chains), "chains inside")


def group_with_cause():
    try:
        leaf(9)
    except ValueError as e:
        raise ExceptionGroup("caused", [TypeError("t")]) from e


show(caught(group_with_cause), "group with a cause")


def group_in_context():
    try:
        raise_group("first", [ValueError("v")])
    except ExceptionGroup:
        raise RuntimeError("after the group")


show(caught(group_in_context), "group as context")

eg = ExceptionGroup("noted", [ValueError("x"), ExceptionGroup("sub", [KeyError("k")])])
eg.add_note("group note\nsecond line")
eg.exceptions[0].add_note("member note")
eg.exceptions[1].exceptions[0].add_note("deep note")
show(eg, "notes")


def star():
    try:
        raise_group("star", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        pass
    except* TypeError:
        raise


show(caught(star), "except* re-raise")


def syntax_member():
    return caught(compile, "x = (1,", "<member>", "exec")


show(ExceptionGroup("syntax", [syntax_member()]), "syntax error member")
