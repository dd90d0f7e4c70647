class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
pts = [P(i, -i) for i in range(100000)]
print(len(pts), sum(p.x for p in pts), sum(p.y for p in pts[:10]))
class Q:
    def __init__(self, v):
        self.v = v
qs = {i: Q(i) for i in range(50000)}
print(sum(q.v for q in qs.values()))
chain = None
for i in range(10000):
    chain = (i, chain)
n = 0
while chain:
    n += chain[0]
    chain = chain[1]
print(n)
