i = "outer i"
squares = [i * i for i in range(4)]
print(i, squares)
def f():
    k = 3
    return [k * j for j in range(k)]
print(f())
res = [[i, j] for i in range(2) for j in range(i, 2)]
print(res)
x = 10
g = (x * t for t in range(3))
x = 20
print(list(g))
def first_iter_eval():
    data = [1, 2]
    gen = (v for v in data)
    data = [9]
    return list(gen)
print(first_iter_eval())
print({n: [m for m in range(n)] for n in range(3)})
