# The carets (and ~~^^ anchors) under the failing expression, as the native printer draws them.
from hook_util import show, caught

def c1(a): return a.b.c
def c2(a): return a["x"] [ "y" ]
def c3(a): return (a
    + 1)
def c4(a): return f"{a + 1}"
def c5(a): return a  +  1
def c6(a): return a ** 2 // 0
def c7(d): x = d['é'] ; return x
def c8(a): return "é" + a + 1
def c9(a): return a(1)(2)(3)
def c10(a): return [x for x in a] + 1
def c11(a): return a[1:2] + a[0]
def c12(a): return -a
def c13(a): return a.x if a else a.y
def c14(a):
    return max(
        a,
        key=a)
def c15(a): return a and a.q
def c16(a): a.zz = a.yy
def c17(a): return a//0
def c18(a): return (a)[0]
def c19(a): return a [0] #comment
def c20(a):
    x = (1 +
         a)
    return x
def c21(a): del a[0]
def c22(a): assert a == 2, "msg"
def c23(a): return a @ a
def c24(a): return a
class O: pass
CASES = [(c1, 1), (c2, {}), (c3, "s"), (c4, "s"), (c5, "s"), (c6, 2), (c7, {}), (c8, 1), (c9, lambda x: 1), (c10, [1]), (c11, [1]), (c12, "s"), (c13, 1), (c14, [1]), (c15, O()), (c16, O()), (c17, 1), (c18, 1), (c19, 1), (c20, "s"), (c21, (1,)), (c22, 1), (c23, 1)]
for f, arg in CASES:
    show(caught(f, arg), f.__name__)
