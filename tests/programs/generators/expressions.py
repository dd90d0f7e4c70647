g = (x * 2 for x in range(5))
print(next(g), next(g), list(g), list(g))
print(sum(x for x in range(10) if x % 2), max((len(w), w) for w in "a bb ccc".split()))
print(list(zip((i for i in range(3)), (c for c in "abc"))))
data = [3, 1, 2]
g = (x for x in data)
data.append(99)
print(list(g))
n = 10
g = (i for i in range(n))
n = 2
print(len(list(g)))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
print(any(x > 5 for x in range(10)), all(x < 5 for x in range(3)))
print(", ".join(str(x) for x in range(4)))
