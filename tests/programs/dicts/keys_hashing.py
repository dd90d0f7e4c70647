d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d)
d[(1, 2)] = "tuple"
d[frozenset({1})] = "fs"
d["1"] = "str"
print(len(d), d[(1, 2)], d[frozenset([1])])
try:
    d[[1]] = 0
except TypeError as e:
    print("TypeError:", e)
try:
    d[{}] = 0
except TypeError as e:
    print("TypeError:", e)
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
d2 = {K(1): "a"}
print(d2[K(1)], K(2) in d2)
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False), hash(-1) == hash(-2))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(1.5), hash(-0.0), hash(10 ** 30))
print(hash(()), hash((1, 2, 3)) == hash((1, 2, 3)), hash(None) == hash(None))
