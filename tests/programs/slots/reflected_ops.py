# Reflected operands: a subclass overriding __rop__ goes first; one that
# only inherits it does not; NotImplemented passes to the other side.


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        print("  Num.add", type(self).__name__, type(o).__name__)
        if isinstance(o, Num):
            return type(self)(self.v + o.v)
        return NotImplemented

    def __radd__(self, o):
        print("  Num.radd", type(self).__name__, type(o).__name__)
        if isinstance(o, int):
            return type(self)(self.v + o)
        return NotImplemented

    def __sub__(self, o):
        return ("Num.sub", self.v - o.v)

    def __lt__(self, o):
        print("  Num.lt", type(self).__name__, type(o).__name__)
        return self.v < o.v

    def __repr__(self):
        return f"{type(self).__name__}({self.v})"


class Sub(Num):
    def __radd__(self, o):
        print("  Sub.radd", type(self).__name__, type(o).__name__)
        return Sub(1000 + o.v if isinstance(o, Num) else o)

    def __rsub__(self, o):
        return ("Sub.rsub", o.v - self.v)

    def __gt__(self, o):
        print("  Sub.gt", type(self).__name__, type(o).__name__)
        return NotImplemented


class Inherits(Num):
    pass


print(Num(1) + Sub(2))
print(Num(1) + Inherits(2))
print(5 + Num(1))
print(Num(1) - Sub(2))
print(Sub(2) - Num(1))
print(Num(1) < Sub(2))
print(Sub(2) > Num(1))
try:
    print("x" + Num(1))
except TypeError as e:
    print("TypeError:", e)


class MyInt(int):
    def __radd__(self, o):
        return "MyInt.radd"

    def __rmul__(self, o):
        return "MyInt.rmul"


print(1 + MyInt(2), 2 * MyInt(3), MyInt(2) + 1, 2.5 + MyInt(1))


class MyList(list):
    def __radd__(self, o):
        return "MyList.radd"


print([1] + MyList([2]), MyList([2]) + [1])


class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __iadd__(self, o):
        self.xs += o.xs
        return self

    def __add__(self, o):
        return Vec(*(self.xs + o.xs))

    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self.xs, o.xs))

    def __rpow__(self, o):
        return ("rpow", o)


v = Vec(1, 2)
w = v
v += Vec(3)
print(v is w, v.xs, (v + Vec(9)).xs, Vec(1, 2) @ Vec(3, 4), 2 ** Vec())
x = 1
try:
    x @= Vec()
except TypeError as e:
    print("TypeError:", e)
