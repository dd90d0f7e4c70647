first, *middle, last = range(1, 7)
print(first, middle, last)
*a, = "xyz"
print(a)
print(*"abc", sep="|")
print([*range(2), *"xy"], (*[1], *[2]), {*"aab"} == {"a", "b"})
print({**{"a": 1}, **{"b": 2}}, dict(**{"k": "v"}))
def f(a, b, c):
    return a + b + c
args = [1, 2]
print(f(*args, 3), f(*"abc"), f(**{"a": 1, "b": 2, "c": 3}))
head, *tail = [1]
print(head, tail)
for x, *rest in [(1, 2, 3), (4,)]:
    print(x, rest)
print(*[], "after empty")
