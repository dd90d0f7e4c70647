def square(x):
    return x * x
def is_even(x):
    return x % 2 == 0
print([square(x) for x in range(10) if is_even(x)])
print([f(3) for f in (square, str, float, lambda v: -v)])
print([(lambda y: y + 1)(x) for x in range(3)])
print([[f(x) for f in (abs, square)] for x in (-2, 3)])
names = ["  Ann ", "BOB", "cy  "]
print([n.strip().capitalize() for n in names])
print(sorted([x for x in range(20) if x % 3 == 0], key=lambda v: -v))
