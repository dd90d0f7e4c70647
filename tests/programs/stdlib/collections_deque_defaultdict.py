# collections: deque (through _collections), defaultdict, Counter, namedtuple, OrderedDict.
from collections import deque, defaultdict, Counter, namedtuple, ChainMap
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d.pop(), d.popleft(), d)
d.extend("ab"); d.extendleft([9, 8])
print(d, d.count(2), d.index("a"), 3 in d, list(reversed(d)))
d.rotate(2); print(d); d.rotate(-3); print(d)
d.remove("a"); d.insert(1, "x"); d[0] = "first"; del d[2]
print(d, d == deque(d), d < deque(["g"]), bool(deque()))
m = deque(range(10), maxlen=3)
print(m, m.maxlen); m.append(10); m.appendleft(-1); print(m)
print(deque("ab") + deque("c"), deque("ab") * 2, d.copy() is d, list(deque()))
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
try:
    for x in d:
        d.append(1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    d.index("zz")
except ValueError as e:
    print("ValueError:", e)
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dd["zz"], dd.default_factory, sorted(dd), isinstance(dd, dict))
dd2 = defaultdict(int, {"x": 1}, y=2); dd2["z"] += 5
print(dd2, dd2.copy(), type(dd2.copy()).__name__)
nd = defaultdict(); 
try:
    nd[1]
except KeyError as e:
    print("KeyError:", e)
try:
    defaultdict(3)
except TypeError as e:
    print("TypeError:", e)
c = Counter("abracadabra")
print(c.most_common(3), c["a"], c["zz"], sorted(c.elements())[:4])
c.update("aaz"); print(c["a"], c["z"], (c + Counter("b"))["b"])
P = namedtuple("P", "x y")
p = P(1, y=2)
print(p, p.x, p._replace(x=5), p._asdict(), P._fields, P._make([3, 4]))
cm = ChainMap({"a": 1}, {"a": 2, "b": 3}); print(cm["a"], cm["b"], len(cm))
print(deque.__module__, defaultdict.__module__, deque[int])
