a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
l = [10, 20, 30, 40]
l[0], l[-1] = l[-1], l[0]
print(l)
l[1:3] = l[2:0:-1]
print(l)
x = y = 0
x, y = y + 1, x + 2
print(x, y)
fib = [0, 1]
p, q = 0, 1
for _ in range(10):
    p, q = q, p + q
    fib.append(q)
print(fib)
