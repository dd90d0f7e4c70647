a = 1
class C:
    a = 2
    def f(self):
        return a
    b = a
    g = lambda self: a
    h = [a for _ in range(1)]
print(C().f(), C.b, C().g(), C.h)
def func():
    y = 10
    class D:
        y = 20
        def m(self):
            return y
        z = y
    return D().m(), D.z
print(func())
v = "global v"
def func2():
    v = "enclosing"
    class E:
        print("class body sees", v)
        v = "class-level"
        print("then", v)
    return E.v
print(func2())
