name = "World"
n = 42
pi = 3.14159265
print(f"Hello, {name}!")
print(f"{n} {n!r} {name!r} {name!s} {name!a} {'é'!a}")
print(f"{n:5d}|{n:<5}|{n:^5}|{n:>5}|{n:05d}|{n:+d}|{n:x}|{n:#o}|{n:b}")
print(f"{pi:.2f}|{pi:10.4f}|{pi:e}|{pi:.3g}|{pi:%}")
print(f"{1234567:,}|{1234567.891:,.2f}|{1234567:_d}")
print(f"{name:*^11}|{name:>8}|{name:.3}")
w, p = 10, 3
print(f"{pi:{w}.{p}f}|")
print(f"{{literal}} {n + 1} {n * 2 = }" if False else f"{{literal}} {n + 1}")
print(f"{n=}", f"{name = }", f"{pi=:.2f}")
print(f"{'nested ' + name}", f"{[1, 2][0]}", f"{ {'a': 1}['a'] }")
print(f"{None}", f"{True}", f"{[1, 'a']}", f"{(1,)}")
