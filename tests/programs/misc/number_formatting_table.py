rows = [("alpha", 1, 0.5), ("beta", 22, 12.25), ("gamma", 333, -3.125), ("delta", 4444, 1e-3)]
print(f"{'name':<8}|{'n':>6}|{'x':>10}|{'pct':>8}")
print("-" * 35)
for name, n, x in rows:
    print(f"{name:<8}|{n:>6,}|{x:>10.3f}|{x / 10:>8.1%}")
print("-" * 35)
print(f"{'sum':<8}|{sum(r[1] for r in rows):>6,}|{sum(r[2] for r in rows):>10.3f}|")
for v in [0, 1, -1, 1234567.891, 1e-9, 1e21]:
    print(f"{v!r:>14} {v:>14g} {v:>14.4e} {v:>16,.2f}")
