def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c1(), c2())
def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in make_adders()])
def outer():
    x = 1
    def middle():
        def inner():
            return x
        return inner
    x = 2
    return middle()()
print(outer())
def counter_pair():
    n = 0
    def get():
        return n
    def put(v):
        nonlocal n
        n = v
    return get, put
get, put = counter_pair()
put(42)
print(get())
print(c1.__closure__ is not None, len(c1.__closure__), c1.__closure__[0].cell_contents)
print(make_counter.__closure__)
