# dict on the compact table: order, views, set operations, mutation errors
d = {}
for k in range(10):
    d[k] = k * k
for k in (2, 4, 6):
    del d[k]
d[4] = "back"
print(list(d), list(d.values())[:3])
print(d.popitem(), d.popitem(), len(d))

k = {"a": 1, "b": 2, "c": 3}.keys()
print(k & {"b", "c", "z"} == {"b", "c"}, sorted(k | {"q"}), sorted(k - {"a"}), sorted(k ^ {"a", "z"}))
print(sorted({"x": 1}.items() | {("y", 2)}), ("a", 1) in {"a": 1}.items(), ("a", 2) in {"a": 1}.items())
print(k.isdisjoint({"z"}), k.isdisjoint(["a"]), list(reversed(k)), list(reversed({"p": 1, "q": 2}.items())))
print(list(reversed({"p": 1, "q": 2}.values())), list(reversed({})))

print(len(k), repr({1: 2}.values()), repr({1: 2}.items()), repr({1: 2}.keys()))
print({"a": 1}.keys() == {"a"}, {"a": 1}.items() == {("a", 1)}, {}.keys() < {1}, {1: 0}.keys() <= {1, 2})

print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys({3: 4}, "v"))
class D(dict):
    pass
print(type(D.fromkeys("ab")).__name__, D.fromkeys("ab", 1))
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a)
a |= b
print(a)
a |= [("w", 0)]
print(a)
try:
    a | [("q", 1)]
except TypeError as e:
    print("TypeError:", e)
print(a.setdefault("x", 99), a.setdefault("new"), a.setdefault("n2", 5), a)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)

d = {1: 1, 2: 2}
try:
    for key in d:
        d[key + 10] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
d = {1: 1}
try:
    for key in d:
        del d[key]
        d[key + 1] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
d = {1: 1, 2: 2}
try:
    for v in d.values():
        d.pop(2)
except RuntimeError as e:
    print("RuntimeError:", e)
d = {1: 1, 2: 2}
for key in d:
    d[key] = "replaced"
print(d)

class Eq:
    def __init__(self, h, tag):
        self.h, self.tag = h, tag
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        return isinstance(other, Eq) and self.tag == other.tag
    def __repr__(self):
        return f"Eq({self.tag})"
e = {Eq(1, "a"): 1, Eq(1, "b"): 2, Eq(9, "a"): 3}
print(len(e), e[Eq(1, "b")], Eq(1, "c") in e, list(e.values()))

class Mutator:
    def __init__(self, target):
        self.target = target
    def __hash__(self):
        return 7
    def __eq__(self, other):
        self.target.clear()
        return False
m = {}
m[Mutator(m)] = 1
try:
    m[Mutator(m)] = 2
except Exception as ex:
    print(type(ex).__name__)
print(len(m))

print({}.__sizeof__(), {"a": 1}.__sizeof__(), {i: i for i in range(6)}.__sizeof__(), {(1,): 2}.__sizeof__())
sizes = []
g = {}
for i in range(30):
    g[i] = i
    sizes.append(g.__sizeof__())
print(sorted(set(sizes)))
print(dict(zip("abc", range(3))), dict(a=1, b=2), dict([(1, 2)], x=3), dict({1: 2}, y=1))
print({1: 2} == {1: 2.0}, {1: 2} != {1: 3}, {"a": [1]} == {"a": [1]})
