print(hash(1) == hash(1.0), hash(0) == hash(-0.0), hash(True) == hash(1), hash(2 ** 100) == hash(float(2 ** 100)))
print(hash(1), hash(-1), hash(-2), hash(0), hash(12345), hash(-12345), hash(2 ** 62), hash(1.5), hash(0.1))
print(hash(float("inf")), hash(float("-inf")), hash(None) == hash(None))
print(hash((1, 2)) == hash((1.0, 2.0)), hash("abc") == hash("ab" + "c"), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
d = {}
d[1] = "a"
d[1.0] = "b"
print(d, {1.5: 1}[1.5])
class H:
    def __hash__(self):
        return 42
print(hash(H()))
class Big:
    def __hash__(self):
        return 2 ** 70
print(hash(Big()) == hash(2 ** 70))
class Neg:
    def __hash__(self):
        return -1
print(hash(Neg()))
