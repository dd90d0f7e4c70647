def f(a, b=2, c=3):
    return (a, b, c)
print(f(1), f(1, 5), f(1, c=9), f(a=0, b=0, c=0))
def g(x, acc=[]):
    acc.append(x)
    return acc
print(g(1), g(2), g(3, []))
print(f.__defaults__, g.__name__)
def h(x=None):
    if x is None:
        x = []
    x.append(1)
    return x
print(h(), h())
N = 10
def k(v=N):
    return v
N = 20
print(k())
