def fib(n):
    return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(20))
x = [1, 2, 3]
x.append(4)
print(x, len(x), x[-1], x[1:3])
d = {'a': 1, 'b': 2}
d['c'] = 3
print(d, d.get('z', 0), list(d.items()))
for k, v in d.items():
    print(k, v)
s = "hello world"
print(s.upper(), s.split(), s[::-1], f"{s!r:>20}|{3.14159:.2f}|{42:05d}")
class A:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"A({self.v})"
    def __add__(self, o):
        return A(self.v + o.v)
class B(A):
    def __init__(self, v):
        super().__init__(v * 2)
print(A(1) + B(2), isinstance(B(1), A), B.__mro__)
def gen(n):
    for i in range(n):
        yield i * i
print(list(gen(5)), sum(gen(10)))
try:
    1/0
except ZeroDivisionError as e:
    print("caught", e, type(e).__name__)
def outer():
    c = 0
    def inc():
        nonlocal c
        c += 1
        return c
    return inc
f = outer(); f(); print(f())
print([i*2 for i in range(5) if i % 2], {i: i*i for i in range(3)}, {i % 3 for i in range(10)})
a, *b, c = range(6)
print(a, b, c)
print(sorted([3, 1, 2], reverse=True), max([1, 5, 3]), min(4, 2, 8), abs(-3.5))
print(2**100, 10//3, -7//2, -7%3, 7/2, 1e300*1e10, round(2.5), round(3.14159, 2))
print(hash(1) == hash(1.0), 0.1+0.2, repr('a\nb'), str(None), bool([]))
import sys
print(sys.version_info[:2])
def kw(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)
print(kw(1, c=3), kw(1, 2, 3, 4, c=5, e=6))
try:
    kw()
except TypeError as e:
    print(e)
g = (x for x in range(3))
print(next(g), next(g), next(g), next(g, 'done'))
print(list(zip([1,2],[3,4])), list(enumerate('ab')), list(map(str, [1,2])), list(filter(None, [0,1,2])))
