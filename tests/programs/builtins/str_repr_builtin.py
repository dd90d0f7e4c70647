class A:
    def __str__(self):
        return "A-str"
    def __repr__(self):
        return "A-repr"
vals = [A(), [A()], (A(),), {"k": A()}, {A(): 1} if False else {1: A()}, "x", 1.0, None]
for v in vals:
    print(str(v), repr(v))
print(repr(repr("x")), str(str("x")), repr(str(1)), str(repr(1)))
print(repr(1e16), repr(1e-7), repr(123.0), repr(-1e-300), repr(2 ** 0.5))
print(repr("a'b\"c"), repr("\\"), repr("\x00"), repr("\u00ff"), repr("\u0100"), repr("\U0001f40d"))
print(repr(range(0)), repr(range(1, 2)), repr(range(1, 5, 2)), repr(slice(None, 2)))
