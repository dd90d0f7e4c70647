words = ["apple", "bob", "civic", "dad", "egg", "fig"]
print({w: w == w[::-1] for w in words})
print({len(w) for w in words}, {w[0] for w in words if len(w) > 3})
print({w: i for i, w in enumerate(words) if i % 2})
print({k: {v for v in words if v[0] == k} == {v for v in words if v.startswith(k)} for k in "abc"})
grid = {(r, c): r * c for r in range(3) for c in range(3)}
print(sum(grid.values()), max(grid, key=grid.get), len(grid))
print({v: k for k, v in {"a": 1, "b": 1}.items()})
