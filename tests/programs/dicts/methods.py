d = {"x": 1, "y": 2}
print(d.setdefault("x", 5), d.setdefault("z", 3), d)
print(d.pop("y"), d.pop("nope", "default"), d)
d.update({"a": 0}, b=9); print(d)
d.update([("c", 7)]); print(d)
print(d.popitem(), d)
c = d.copy(); c["new"] = 1; print(d, c)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
d.clear(); print(d)
m = {"a": 1} | {"b": 2}
print(m)
m |= {"a": 3}
print(m)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    {}.pop("k")
except KeyError as e:
    print("KeyError:", e)
