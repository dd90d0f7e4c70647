n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print(steps)
a, b = 0, 1
fibs = []
while a < 100:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
stack = [10]
visited = []
while stack:
    v = stack.pop()
    visited.append(v)
    if v > 1:
        stack.extend([v // 2, v // 3])
print(visited)
digits = []
x = 9075
while x:
    x, d = divmod(x, 10)
    digits.append(d)
print(digits[::-1])
count = 0
while True:
    count += 1
    if count >= 5:
        break
print(count)
