for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        print(i, j)
primes = []
for n in range(2, 40):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)
result = []
i = 0
while i < 3:
    for c in "ab":
        result.append(f"{i}{c}")
    i += 1
print(result)
