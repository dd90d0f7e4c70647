def f(*args, **kwargs):
    return args, sorted(kwargs.items())
print(f(), f(1, 2), f(a=1), f(1, b=2, a=3))
def g(a, *rest, k=0, **more):
    return a, rest, k, more
print(g(1), g(1, 2, 3, k=4, z=5))
print(g(*range(3), **{"k": 9, "q": 8}))
def total(*nums):
    return sum(nums)
print(total(), total(1, 2, 3), total(*[4, 5]))
try:
    g()
except TypeError as e:
    print("TypeError:", e)
try:
    f(**{"a": 1}, a=2)
except TypeError as e:
    print("TypeError:", e)
try:
    total(x=1)
except TypeError as e:
    print("TypeError:", e)
