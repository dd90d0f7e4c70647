import gc
gc.collect()
class Node:
    pass
def make_cycles(n):
    for _ in range(n):
        a, b = Node(), Node()
        a.other, b.other = b, a
make_cycles(50)
print(gc.collect() >= 100)
print(gc.collect())
l = []
l.append(l)
del l
print(gc.collect() >= 1)
d = {}
d["self"] = d
del d
print(gc.collect() >= 1)
