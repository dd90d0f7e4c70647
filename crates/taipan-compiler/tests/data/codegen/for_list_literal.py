for x in [a, b]:
    f(x)
for y in [1, 2, 3]:
    g(y)
