class Obj:
    def __init__(self):
        self.__dict__["log"] = []
    def __getattr__(self, name):
        return f"dynamic:{name}"
    def __setattr__(self, name, value):
        self.log.append(name)
        self.__dict__[name] = value
    def __delattr__(self, name):
        self.log.append("del " + name)
        del self.__dict__[name]
o = Obj()
print(o.anything)
o.x = 1
print(o.x, o.log)
del o.x
print(o.x, o.log)
class Slots:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1
s = Slots()
print(s.a, hasattr(s, "b"))
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError:", e)
class WithIndex:
    def __index__(self):
        return 2
print([10, 20, 30][WithIndex()], bin(WithIndex()), range(WithIndex()))
class Intish:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5
print(int(Intish()), float(Intish()))
class Sized:
    def __len__(self):
        return 3
print(len(Sized()))
