class C:
    items = [1, 2, 3]
    doubled = list(x * 2 for x in items)
print(C.doubled)
def f(n):
    return list(x + n for x in range(3))
print(f(10))
gens = [(i * j for j in range(3)) for i in range(3)]
print([list(g) for g in gens])
x = 5
g = (x for _ in range(2))
x = 6
print(list(g))
it = iter(range(3))
g = (v for v in it)
next(it)
print(list(g))
