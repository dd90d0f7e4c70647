class V:
    def __init__(self, x):
        self.x = x
    def __eq__(self, other):
        if not isinstance(other, V):
            return NotImplemented
        return self.x == other.x
    def __hash__(self):
        return hash(self.x)
print(V(1) == V(1), V(1) != V(2), V(1) == 1, V(1) != 1, V(1) in [V(0), V(1)])
print(len({V(1), V(1), V(2)}), {V(3): "x"}[V(3)])
class NoHash:
    def __eq__(self, other):
        return True
print(NoHash.__hash__ is None)
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
class Plain:
    pass
p = Plain()
print(p == p, p != Plain(), hash(p) == hash(p))
class Ident:
    def __eq__(self, o):
        print("Ident.__eq__ called")
        return NotImplemented
print(Ident() == Ident())
x = Ident()
print(x == x, [x] == [x])
