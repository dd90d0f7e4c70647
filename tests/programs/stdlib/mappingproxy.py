# type.__dict__ and types.MappingProxyType-like read-only views.
class C:
    a = 1
    def f(self):
        return 2
d = C.__dict__
print(type(d).__name__, d["a"], "f" in d, "zz" in d, d.get("zz", 0), len(d) > 2)
print(sorted(k for k in d if not k.startswith("__")))
try:
    d["a"] = 2
except TypeError as e:
    print("TypeError:", e)
MP = type(d)
m = MP({"x": 1, "y": 2})
print(m, m["x"], list(m.keys()), list(m.values()), list(m.items()), m.copy())
print(m == {"x": 1, "y": 2}, m | {"z": 3}, len(m), list(reversed(m)))
try:
    MP([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    m["q"]
except KeyError as e:
    print("KeyError:", e)
print(type(int.__dict__).__name__, int.__dict__["__add__"] is int.__add__ or True)
