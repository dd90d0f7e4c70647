# _operator's argument checking and error messages.
import operator


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


show(lambda: operator.add(1))
show(lambda: operator.add(1, 2, 3))
show(lambda: operator.add(1, b=2))
show(lambda: operator.neg())
show(lambda: operator.neg(1, 2))
show(lambda: operator.truth())
show(lambda: operator.add(1, "a"))
show(lambda: operator.lt(1, "a"))
show(lambda: operator.neg("a"))
show(lambda: operator.abs("a"))
show(lambda: operator.index(1.5))
show(lambda: operator.index("a"))
show(lambda: operator.is_(1))
show(lambda: operator.setitem([1], 5, 1))
show(lambda: operator.getitem([1], 5))
show(lambda: operator.getitem({}, "missing"))
show(lambda: operator.delitem({}, "missing"))
show(lambda: operator.concat(1, 2))
show(lambda: operator.concat([1], 2))
show(lambda: operator.concat({}, {}))
show(lambda: operator.iconcat(1, 2))
show(lambda: operator.indexOf([1], 2))
show(lambda: operator.indexOf(5, 2))
show(lambda: operator.countOf(1, 1))
show(lambda: operator.contains(1, 1))
show(lambda: operator.length_hint())
show(lambda: operator.length_hint(1, 2, 3))
show(lambda: operator.length_hint(1, "x"))
show(lambda: operator.length_hint(1, -1))
show(lambda: operator.call())
show(lambda: operator.pow(2, 3, 4))
show(lambda: operator.truediv(1, 0))


class BadHint:
    def __length_hint__(self):
        return "x"


class NegHint:
    def __length_hint__(self):
        return -2


class NoHint:
    def __length_hint__(self):
        return NotImplemented


class BadLen:
    def __len__(self):
        raise TypeError("boom")


class BadLen2:
    def __len__(self):
        raise ValueError("boom")


show(lambda: operator.length_hint(BadHint()))
show(lambda: operator.length_hint(NegHint()))
show(lambda: operator.length_hint(NoHint(), 7))
show(lambda: operator.length_hint(BadLen()))
show(lambda: operator.length_hint(BadLen2()))


class Boom:
    def __eq__(self, other):
        raise RuntimeError("eq called")


show(lambda: operator.countOf([Boom()], 1))
b = Boom()
show(lambda: operator.countOf([b], b))
show(lambda: operator.indexOf([1, b], b))
