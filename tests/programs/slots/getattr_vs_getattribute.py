# __getattr__ runs only when normal lookup fails; __getattribute__ runs
# for every attribute; an AttributeError from __getattribute__ falls back
# to __getattr__. Descriptors keep their precedence over the instance dict.


class Fallback:
    cls_attr = "class"

    def __init__(self):
        self.inst = "instance"

    def __getattr__(self, name):
        return f"getattr({name})"


f = Fallback()
print(f.inst, f.cls_attr, f.other, getattr(f, "x", "default"), hasattr(f, "y"))


class Every:
    def __init__(self):
        self.inst = 1

    def __getattribute__(self, name):
        if name.startswith("no_"):
            raise AttributeError(name)
        return ("getattribute", name, object.__getattribute__(self, "__dict__").get(name))


e = Every()
print(e.inst, e.anything)
try:
    e.no_such
except AttributeError as err:
    print("AttributeError:", err)


class Both(Every):
    def __getattr__(self, name):
        return ("getattr", name)


b = Both()
print(b.inst, b.no_thing)


class Data:
    def __get__(self, obj, owner):
        return "data descriptor"

    def __set__(self, obj, value):
        print("  Data.__set__", value)


class NonData:
    def __get__(self, obj, owner):
        return "non-data descriptor"


class Holder:
    d = Data()
    n = NonData()


h = Holder()
h.__dict__["d"] = "dict d"
h.__dict__["n"] = "dict n"
print(h.d, h.n, Holder.d, Holder.n)
h.d = 5
print(h.__dict__["d"])

# Turning a non-data descriptor into a data descriptor after the fact.
NonData.__set__ = lambda self, obj, value: print("  NonData.__set__", value)
print(h.n)
h.n = 6
del NonData.__set__
print(h.n)


class Logged:
    def __setattr__(self, name, value):
        print("  setattr", name, value)
        object.__setattr__(self, name, value * 2)

    def __delattr__(self, name):
        print("  delattr", name)
        object.__delattr__(self, name)


lg = Logged()
lg.a = 21
print(lg.a)
del lg.a
print(hasattr(lg, "a"))
del Logged.__setattr__
lg.b = 1
print(lg.b)
