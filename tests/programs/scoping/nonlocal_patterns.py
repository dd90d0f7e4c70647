def accumulator():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)
        return total
    return add, lambda: (total, items)
add, state = accumulator()
add(3); add(4)
print(state())
def shadow():
    x = "outer"
    def inner():
        x = "inner-local"
        def innermost():
            nonlocal x
            x = "innermost sets inner's x"
        innermost()
        return x
    return inner(), x
print(shadow())
def loop_closures():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return [f() for f in fs]
print(loop_closures())
def counter_gen():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    return [bump() for _ in range(3)], n
print(counter_gen())
