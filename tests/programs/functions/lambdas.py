sq = lambda x: x * x
print(sq(7), (lambda: 42)(), (lambda *a: a)(1, 2), (lambda **k: k)(z=1))
print(sorted([3, -1, 2], key=lambda v: abs(v)), list(map(lambda a, b: a * b, [1, 2], [3, 4])))
print(sq.__name__, (lambda: 0).__name__)
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, lambda x: x + 1)(3))
print((lambda x, y=10: x + y)(1), (lambda x, *, k: x * k)(2, k=5))
fs = {op: (lambda o: lambda a, b: eval_op(o, a, b))(op) for op in "+-"}
def eval_op(o, a, b):
    return a + b if o == "+" else a - b
print(fs["+"](5, 3), fs["-"](5, 3))
