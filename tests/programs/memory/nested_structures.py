tree = {}
for i in range(20000):
    node = tree
    for part in (str(i % 10), str(i % 100), str(i)):
        node = node.setdefault(part, {})
def count(n):
    return 1 + sum(count(c) for c in n.values())
print(count(tree), len(tree), len(tree["3"]))
grid = [[(r * c) % 10 for c in range(300)] for r in range(300)]
print(sum(map(sum, grid)), grid[299][299], len(grid) * len(grid[0]))
pairs = [(i, str(i)) for i in range(100000)]
d = dict(pairs)
print(len(d), d[99999], sum(k for k, _ in pairs[:100]))
