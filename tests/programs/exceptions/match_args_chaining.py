# Catching by exact class, subclass and tuple; invalid except targets;
# exception args after super().__init__ with the same or other arguments;
# traceback entries (tb_lineno, tb_next) and chaining after handling.


class Base(Exception):
    pass


class Child(Base):
    def __init__(self, value):
        super().__init__(value)
        self.value = value


class Renamed(Exception):
    def __init__(self, value):
        super().__init__("renamed", value)


class NoSuper(Exception):
    def __init__(self, value):
        self.value = value


for exc in (Child(1), Base(2), Renamed(3), NoSuper(4), KeyError(5)):
    try:
        raise exc
    except Child as e:
        print("Child", e.args, e.value)
    except (KeyError, Renamed) as e:
        print("tuple", type(e).__name__, e.args)
    except Base as e:
        print("Base", e.args)
    except Exception as e:
        print("Exception", type(e).__name__, e.args, e.value)

e = Child.__new__(Child, 1, 2)
print(e.args)
e.__init__(1)
print(e.args)

try:
    try:
        raise Child(7)
    except 42:
        pass
except TypeError as err:
    print("TypeError:", err)

try:
    try:
        raise Child(8)
    except (Base, "x"):
        pass
except TypeError as err:
    print("TypeError:", err)


def inner(d, k):
    return d[k]


def outer(d, k):
    return inner(d, k)


try:
    outer({}, "missing")
except KeyError as err:
    tb = err.__traceback__
    lines = []
    while tb is not None:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - outer.__code__.co_firstlineno))
        tb = tb.tb_next
    print(err.args, lines)

try:
    try:
        {}["a"]
    except KeyError:
        1 // 0
except ZeroDivisionError as err:
    print(type(err.__context__).__name__, err.__context__.args, err.__cause__, err.__suppress_context__)

try:
    try:
        raise Child(1)
    except Child as first:
        raise ValueError("second") from first
except ValueError as err:
    print(err.__cause__.args, err.__suppress_context__, err.__context__ is err.__cause__)

hits = 0
d = {i: i for i in range(0, 100, 3)}
for i in range(100):
    try:
        hits += d[i]
    except KeyError as err:
        hits -= err.args[0]
    finally:
        hits += 1
print(hits)
