m = [[r * 3 + c for c in range(3)] for r in range(3)]
print(m)
print([list(row) for row in zip(*m)])
print([v for row in m for v in row if v % 2])
print({(r, c): m[r][c] for r in range(3) for c in range(3) if r == c})
flat = [x for sub in [[1, 2], [], [3]] for x in sub]
print(flat)
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
print(sum(sum(row) for row in m))
