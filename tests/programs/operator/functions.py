# Every function of _operator on ordinary operands, through operator.py.
import operator
import _operator

print(operator.add is _operator.add, operator.__add__ is _operator.add)

pairs = [(7, 3), (7.5, 2), (-7, 2), (2 ** 70, 3), (True, 2)]
for name in ["add", "sub", "mul", "floordiv", "truediv", "mod", "pow",
             "lshift", "rshift", "and_", "or_", "xor"]:
    f = getattr(operator, name)
    out = []
    for a, b in pairs:
        try:
            out.append(f(a, b))
        except TypeError as e:
            out.append("TypeError: " + str(e))
    print(name, out)

for name in ["lt", "le", "eq", "ne", "gt", "ge"]:
    f = getattr(operator, name)
    print(name, f(1, 2), f(2, 2), f("b", "a"), f((1, 2), (1, 3)))

for name in ["neg", "pos", "abs", "inv", "invert", "not_", "truth", "index"]:
    f = getattr(operator, name)
    print(name, f(5), f(-3), f(True))
print(operator.neg(2.5), operator.abs(-2.5), operator.truth([]), operator.not_(""))

print(operator.is_(None, None), operator.is_not(1, None), operator.is_([], []))
print(operator.contains([1, 2], 2), operator.contains("abc", "bc"), operator.contains({1: 2}, 2))
print(operator.countOf([1, 2, 1, 1.0, True], 1), operator.countOf("banana", "a"))
print(operator.indexOf([5, 6, 7], 7), operator.indexOf(iter("xyz"), "y"))
nan = float("nan")
print(operator.countOf([nan, nan], nan), operator.indexOf([nan], nan))

d = {}
operator.setitem(d, "k", 1)
print(operator.getitem(d, "k"), d)
operator.delitem(d, "k")
print(d)
l = list(range(10))
print(operator.getitem(l, slice(2, 5)), operator.getitem("hello", -1))
operator.setitem(l, slice(0, 8), [])
print(l)

print(operator.concat([1], [2]), operator.concat("a", "b"), operator.concat((1,), (2,)))
l = [1]
r = operator.iconcat(l, (2, 3))
print(r, r is l)
t = (1,)
r = operator.iconcat(t, (2,))
print(r, r is t)

x = [1, 2]
y = operator.iadd(x, [3])
print(y is x, x)
s = "ab"
print(operator.iadd(s, "c"), s)
print(operator.imul([0], 3), operator.isub(10, 3), operator.ipow(2, 10), operator.ior({1}, {2}))
print(operator.iand(12, 10), operator.ixor(12, 10), operator.ilshift(1, 4), operator.irshift(256, 4))
print(operator.imod(17, 5), operator.ifloordiv(17, 5), operator.itruediv(1, 4))

print(operator.length_hint([1, 2, 3]), operator.length_hint(iter([1, 2, 3, 4])))
print(operator.length_hint(iter([]), 5), operator.length_hint(object(), 9))
print(operator.length_hint(x for x in range(3)))

print(operator.call(max, 3, 9, 4), operator.call(sorted, [3, 1, 2], reverse=True))
print(operator.call(dict, a=1))

class M:
    def __matmul__(self, other):
        return ("matmul", other)
    def __imatmul__(self, other):
        return ("imatmul", other)
print(operator.matmul(M(), 2), operator.imatmul(M(), 3))

class Idx:
    def __index__(self):
        return 42
print(operator.index(Idx()), operator.index(2 ** 80))

class Only:
    def __add__(self, other):
        return "added"
    def __getitem__(self, i):
        return i
print(operator.concat(Only(), [1]))
