def make_fib():
    cache = {}
    def fib(n):
        if n in cache:
            return cache[n]
        r = n if n < 2 else fib(n - 1) + fib(n - 2)
        cache[n] = r
        return r
    return fib, cache
fib, cache = make_fib()
print(fib(90), len(cache))
def y(f):
    return (lambda x: x(x))(lambda x: f(lambda *a: x(x)(*a)))
fact = y(lambda self: lambda n: 1 if n == 0 else n * self(n - 1))
print(fact(20))
def walk(tree, depth=0, out=None):
    out = [] if out is None else out
    name, kids = tree
    out.append("  " * depth + name)
    for k in kids:
        walk(k, depth + 1, out)
    return out
print("\n".join(walk(("root", [("a", [("a1", [])]), ("b", [])]))))
