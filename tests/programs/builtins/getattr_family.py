class C:
    cls_attr = "c"
o = C()
print(getattr(o, "cls_attr"), getattr(o, "missing", "default"), hasattr(o, "cls_attr"), hasattr(o, "nope"))
setattr(o, "dyn", 5)
print(o.dyn, getattr(o, "dyn"))
delattr(o, "dyn")
print(hasattr(o, "dyn"))
try:
    getattr(o, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(o, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(o, 5)
except TypeError as e:
    print("TypeError:", e)
print(getattr("abc", "upper")(), getattr([], "append").__name__, getattr(1, "real"))
class Prop:
    @property
    def boom(self):
        raise AttributeError("inner")
print(hasattr(Prop(), "boom"), getattr(Prop(), "boom", "fallback"))
print(sorted(vars(C).keys() - set(vars(object).keys()) - {"__dict__", "__weakref__", "__module__", "__doc__"}))
