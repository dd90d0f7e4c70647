edges = {(1, 2), (2, 3), (1, 2), (3, 1)}
print(sorted(edges), len(edges))
nodes = {n for e in edges for n in e}
print(nodes)
undirected = {frozenset(e) for e in edges | {(2, 1)}}
print(len(undirected), sorted(sorted(e) for e in undirected))
fs = frozenset("abc")
print(sorted(fs), sorted(fs | {"d"}), "a" in fs, fs == frozenset("cba"))
seen = set()
order = []
for x in [5, 3, 5, 1, 3, 9]:
    if x in seen:
        continue
    seen.add(x)
    order.append(x)
print(order)
