sq = {n: n * n for n in range(6)}
print(sq, {v: k for k, v in sq.items()}[16])
pairs = [("a", 1), ("b", 2), ("a", 3)]
print(dict(pairs), {k: v for k, v in pairs})
print({k: [v for kk, v in pairs if kk == k] for k, _ in pairs})
d = dict(zip("abc", [1, 2, 3]))
print(d, {**d, "d": 4}, dict(d, e=5))
print(sorted(d.items(), key=lambda kv: -kv[1]), min(d, key=d.get), max(d.values()))
print(list(d.items())[0], next(iter(d)), len(d.keys() & {"a", "b", "q"}))
print({i % 3: i for i in range(10)})
print(dict.fromkeys(range(3), []), {1: 2}.get(1), {1: 2}.get(2, "none"))
e = {}
e[0] = e.get(0, 0) + 1
e[0] = e.get(0, 0) + 1
print(e, 0 in e, e.keys() == {0})
