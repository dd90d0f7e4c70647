def two(a, b):
    return a + b
for args, kw in [((1,), {}), ((1, 2, 3), {}), ((1,), {"c": 3}), ((1,), {"a": 1}), ((), {})]:
    try:
        two(*args, **kw)
    except TypeError as e:
        print("TypeError:", e)
def noargs():
    pass
try:
    noargs(1)
except TypeError as e:
    print("TypeError:", e)
class C:
    def m(self, x):
        return x
try:
    C().m()
except TypeError as e:
    print("TypeError:", e)
try:
    C().m(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    len(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    len()
except TypeError as e:
    print("TypeError:", e)
