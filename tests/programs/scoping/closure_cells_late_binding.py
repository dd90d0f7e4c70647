def make():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    i = 100
    return fs
print([f() for f in make()])
def make2():
    return [(lambda j: lambda: j)(i) for i in range(3)]
print([f() for f in make2()])
def counter():
    c = 0
    def inc():
        nonlocal c
        c += 1
        return c
    def get():
        return c
    return inc, get
inc, get = counter()
inc(); inc()
print(get(), inc.__closure__[0].cell_contents, get.__code__.co_freevars, counter.__code__.co_cellvars)
def outer():
    x = 1
    def change():
        nonlocal x
        x = 2
    y = lambda: x
    change()
    return y()
print(outer())
