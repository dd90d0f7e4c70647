a = [1, 2]
b = a
print(id(a) == id(b), id(a) == id([1, 2]) if False else id(a) != id([3]))
x = object()
i = id(x)
print(id(x) == i, id(x) == i)
print(a is b, a is not [1, 2], None is None, type(None)() is None)
s1 = {}
ids = {id(s1), id(s1)}
print(len(ids))
class C:
    pass
c = C()
print(id(c) == id(c), c is c)
