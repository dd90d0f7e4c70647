def apply(fn, *args):
    return fn(*args)
print(apply(max, 3, 9, 2), apply(len, "abcd"), apply(str.upper, "x"))
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
print({k: f(3, 4) for k, f in ops.items()})
def make_multiplier(n):
    def m(x):
        return x * n
    m.factor = n
    return m
t = make_multiplier(3)
print(t(5), t.factor, callable(t), callable(5))
fns = [abs, str, len]
print([f(-3) if f is not len else f("-3") for f in fns])
def f():
    return f
print(f()()() is f)
