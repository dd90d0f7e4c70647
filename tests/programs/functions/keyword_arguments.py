def describe(name, *, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(describe("ann"), describe("bob", greeting="Hi"), describe(name="cy", punct="?"))
def config(**options):
    return ", ".join(f"{k}={v}" for k, v in options.items())
print(config(b=2, a=1, c=3))
opts = {"greeting": "Yo", "punct": "."}
print(describe("dee", **opts))
def mixed(a, b, /, c, d=4, *rest, e, f=6, **extra):
    return a, b, c, d, rest, e, f, extra
print(mixed(1, 2, 3, e=5))
print(mixed(1, 2, 3, 40, 50, 60, e=5, f=7, g=8))
print(mixed(1, 2, c=3, e=5, a=99))
try:
    describe("x", "y")
except TypeError as e:
    print("TypeError:", e)
try:
    describe(greeting="x")
except TypeError as e:
    print("TypeError:", e)
try:
    describe("x", **{"name": "y"})
except TypeError as e:
    print("TypeError:", e)
