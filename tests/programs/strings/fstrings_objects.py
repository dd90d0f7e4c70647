class P:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"P({self.x!r})"
    def __str__(self):
        return f"<{self.x}>"
    def __format__(self, spec):
        return f"P-format[{spec}]"
p = P("a")
print(f"{p}", f"{p!r}", f"{p!s}", f"{p:xyz}", str(p), repr(p), format(p, "q"))
print(f"{p.x}", f"{p.x.upper()}")
items = [P(1), P(2)]
print(f"{items}")
print("{} and {!r}".format(p, p), "{0}{1}{0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{:>6}|{:<6}|{:^6}|{:.2f}".format("ab", "cd", "ef", 2.71828))
print("{0[1]} {1[k]} {2.x}".format([5, 6], {"k": "v"}, p))
