x = 5
x += 3
x *= 2
print(x)
