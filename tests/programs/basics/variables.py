x = 10
y = x * 2
x = x + 1
print(x, y)
