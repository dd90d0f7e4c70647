class Logged:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if not name.startswith("_"):
            print("get", name)
        return object.__getattribute__(self, name)
    def method(self):
        return self.x
l = Logged()
print(l.x)
print(l.method())
class Fallback:
    a = 1
    def __getattr__(self, name):
        if name.startswith("auto_"):
            return name[5:]
        raise AttributeError(f"no {name}")
f = Fallback()
print(f.a, f.auto_thing, getattr(f, "auto_x"), hasattr(f, "other"))
try:
    f.other
except AttributeError as e:
    print("AttributeError:", e)
