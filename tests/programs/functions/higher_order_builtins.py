from_list = [3, 1, 2]
print(sorted(from_list, key=lambda x: -x), list(map(lambda x: x + 1, from_list)))
def compose(*fs):
    def composed(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return composed
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
def curry(f, *a):
    return lambda *b: f(*a, *b)
add3 = lambda a, b, c: a + b + c
print(curry(add3, 1)(2, 3), curry(curry(add3, 1), 2)(3))
def reduce_(f, items, init):
    acc = init
    for it in items:
        acc = f(acc, it)
    return acc
print(reduce_(lambda a, b: a * b, range(1, 8), 1), reduce_(max, [3, 9, 2], 0))
print(list(filter(callable, [1, len, "s", print, None])))
