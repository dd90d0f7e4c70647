x = 0.0
for i in range(100000):
    x = x + i * 0.5
print(x)
y = 0
for i in range(100000):
    y = y + i * 2
print(y, 2 ** 64 + y, (2 ** 64 + y) - 2 ** 64 == y)
