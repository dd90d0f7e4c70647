# Dict lookups with keys whose __eq__ runs Python (collisions with int and
# str keys, __eq__ mutating the dict), the counting idiom, and the errors
# of dicts changed during iteration.


class Collide:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, Collide) and self.v == other.v or self.v == other

    def __repr__(self):
        return f"C{self.v}"


d = {1: "one", "a": "A", 2.5: "f"}
d[Collide(1)] = "collide"
d[Collide("a")] = "ca"
print(d)
print(d[1], d[Collide(2.5)], Collide(3) in d, 3 in d)

counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)

big = {}
for i in range(2000):
    big[i * 7 % 1009] = i
print(len(big), sum(big.values()) % 1000, big.get(5), big.get(-1))


class Mutating:
    def __init__(self, target):
        self.target = target

    def __hash__(self):
        return 1

    def __eq__(self, other):
        self.target.clear()
        return False


m = {1: 1}
print(Mutating(m) in m, m)

for make in (lambda d: d.__setitem__("new", 1), lambda d: d.pop("k0"), lambda d: d.clear()):
    dd = {f"k{i}": i for i in range(5)}
    try:
        for k in dd:
            make(dd)
    except RuntimeError as err:
        print("RuntimeError:", err)
dd = {i: i for i in range(5)}
for k in dd:
    dd[k] = k * 2
print(dd)
try:
    for k in dd.keys():
        del dd[k]
except RuntimeError as err:
    print("RuntimeError:", err)
