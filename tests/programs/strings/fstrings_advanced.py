width = 12
val = 3.14159
print(f"{val:{width}.{2}f}|{val:<{width}}|{'x':^{width}}|")
print(f"{'quoted'}", f'{"double"}', f"""{'triple'}""")
d = {"k": 1}
print(f"{d['k']}", f"{len(d)}", f"{d!r}")
print(f"{3 + 4 = }", f"{'a' * 3 = }", f"{val = :.1f}", f"{val=!s}")
print(f"{10:#x} {10:#b} {10:#o} {255:X} {-255:x}")
print(f"{0.000123:e} {123456789:e} {1.5:010.3f} {-1.5:010.3f} {1.5:+.1f}")
print(f"{'left':<10}|{'right':>10}|{'center':^10}|{'fill':_^10}")
print(f"{1e100:.3g} {1e-100:.3g} {123.456:.0f} {0.5:.0f} {1.5:.0f} {2.5:.0f}")
print(f"{12345.6789:,.2f} {-1234:,} {1234567890:_x}")
name = "x"
print(f"{f'{name}-inner'}-outer")
print(f"{'%.2f' % 1.005}", f"{[i for i in range(3)]}", f"{(lambda: 'lam')()}")
print(f"{True:d} {False:>5} {None!r:>6}")
print(f"{'abc'!r:>8}|{'é'!a}|{3!s:>3}")
print(f"{2**64:,}", f"{-0.0:.1f}", f"{float('inf'):>6}", f"{float('nan'):+}")
