class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in "abracadabra":
    c[ch] += 1
print(sorted(c.items()), c["z"], "z" in c)
class AutoList(dict):
    def __missing__(self, key):
        v = self[key] = []
        return v
g = AutoList()
for w in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    g[w[0]].append(w)
print(dict(g))
d = {}
print(d.setdefault("k", []), d)
d.setdefault("k", []).append(1)
print(d, d.get("missing", "fallback"))
