n = 1
for i in range(200):
    n = n * 3 + i
print(n)
print(n % 1000000007, n // 10 ** 90)
print(len(str(n)), str(n).count("7"))
m = n * n
print(m // n == n, m % n)
print(-n // 7, -n % 7)
print((n >> 100) << 100 == n - (n & ((1 << 100) - 1)))
print(pow(n, 3, 10 ** 9 + 7))
print(int(str(n)) == n, int(str(-n)) == -n)
print(hex(n)[:20])
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(2 ** 120 * 3 ** 7, 2 ** 80 * 3 ** 50))
