x = "outer"
l = [x for x in range(3)]
print(x, l)
y = 10
print([y + i for i in range(3)])
def f():
    z = 5
    return [z * i for i in range(3)]
print(f())
class C:
    v = 3
    items = [i for i in range(v)]
    try:
        bad = [v for i in range(2)]
    except NameError as e:
        err = str(e)
print(C.items, C.err)
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([f() for f in funcs2])
print([(lambda t: t * 2)(i) for i in range(3)])
