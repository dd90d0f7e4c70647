class C:
    def __init__(self):
        self._x = 1
    @property
    def x(self):
        print("get x")
        return self._x
    @x.setter
    def x(self, v):
        print("set x", v)
        self._x = v
c = C()
c.x += 5
print(c._x)
class L(list):
    def __getitem__(self, i):
        print("getitem", i)
        return super().__getitem__(i)
    def __setitem__(self, i, v):
        print("setitem", i, v)
        super().__setitem__(i, v)
l = L([1, 2, 3])
l[1] *= 10
print(l)
def idx():
    print("index evaluated")
    return 0
l[idx()] -= 1
print(l)
class Acc:
    def __init__(self):
        self.v = []
    def __iadd__(self, o):
        print("iadd", o)
        self.v.append(o)
        return self
holder = [Acc()]
holder[0] += 1
print(holder[0].v)
