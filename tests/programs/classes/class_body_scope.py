x = "global"
class C:
    x = "class"
    y = x + "!"
    def m(self):
        return x
    z = [x for _ in range(1)]
print(C.y, C().m(), C.z)
class D:
    items = []
    for i in range(3):
        items.append(i * i)
    del i
print(D.items, hasattr(D, "i"))
def f():
    v = "enclosing"
    class Inner:
        w = v
        def get(self):
            return v
    return Inner
I = f()
print(I.w, I().get())
class Counter:
    n = 0
    def inc(self):
        n = 99
        self.n += 1
        return n
c = Counter()
print(c.inc(), c.n, Counter.n)
