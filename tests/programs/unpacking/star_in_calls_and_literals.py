def show(*args, **kwargs):
    return f"{args} {sorted(kwargs.items())}"
a = [1, 2]
b = (3,)
k1 = {"x": 1}
k2 = {"y": 2}
print(show(*a, *b, 4, *range(2)))
print(show(**k1, **k2, z=3))
print(show(*a, **k1))
print([*a, *b], (*a,), {*a, *b}, {**k1, **k2})
print([*"hi", *{"q": 1}], [*range(3)][::-1])
try:
    show(**k1, **{"x": 9})
except TypeError as e:
    print("TypeError:", e)
try:
    show(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    show(**[1])
except TypeError as e:
    print("TypeError:", e)
