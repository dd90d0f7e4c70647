d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], "a" in d, "z" in d)
d["a"] = 10
print(d)
del d["b"]
print(d)
print(d.get("a"), d.get("z"), d.get("z", 0))
print(list(d.keys()), list(d.values()), list(d.items()))
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, k2="v2"), dict())
print({1: "a", 1.0: "b"}, {(1, 2): "t"}, {None: 0})
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
print({} == {}, {"a": 1} == {"a": 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
