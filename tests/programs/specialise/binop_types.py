# BINARY_OP / COMPARE_OP sites whose operand types change after warming up.
def add(a, b):
    return a + b

def lt(a, b):
    return a < b

def sub_mul(a, b):
    return (a - b) * b

for i in range(2000):
    add(i, 1)
    lt(i, 5)
    sub_mul(i, 3)
print(add(1, 2), lt(1, 2), sub_mul(7, 2))
print(add(2**62, 2**62), add(-2**47, -1), sub_mul(2**40, 2**30))
print(add(1.5, 2), add(0.1, 0.2), lt(1.5, 1), sub_mul(2.5, 0.5))
print(add("ab", "cd"), lt("a", "b"), lt("b", "a"))
print(add([1], [2]), add((1,), (2,)), lt([1], [1, 0]))
print(add(True, True), lt(False, True), add(1, 2.5))

class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return V(self.v + (o.v if isinstance(o, V) else o))
    def __radd__(self, o):
        return V(o * 100 + self.v)
    def __lt__(self, o):
        return "lt called"
    def __repr__(self):
        return "V(%r)" % (self.v,)

print(add(V(1), V(2)), add(V(1), 5), add(5, V(1)), lt(V(1), V(2)))
for i in range(2000):
    add(i * 0.5, 1.0)
    lt(i * 0.5, 3.0)
print(add(3, 4), lt(3, 4), add("x", "y"), lt(float("nan"), 1.0))
try:
    add(1, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    lt(1, "x")
except TypeError as e:
    print("TypeError:", e)

def floordiv_mod(a, b):
    return a // b, a % b, a ** 2 if b else 0

for i in range(1, 2000):
    floordiv_mod(i, 7)
print(floordiv_mod(-7, 2), floordiv_mod(7.5, 2), floordiv_mod(2**50, 3))
try:
    floordiv_mod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

def cmp_all(a, b):
    return a == b, a != b, a <= b, a >= b, a > b

for i in range(2000):
    cmp_all(i, 1000)
print(cmp_all(1, 1), cmp_all(1, 1.0), cmp_all("a", "a"), cmp_all((1, 2), (1, 3)))
