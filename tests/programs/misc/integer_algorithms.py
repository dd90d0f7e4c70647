def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def lcm(a, b):
    return a * b // gcd(a, b)
print(gcd(48, 18), gcd(17, 5), lcm(4, 6), lcm(21, 6))
def is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True
print([n for n in range(50) if is_prime(n)])
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = ""
    neg = n < 0
    n = abs(n)
    while n:
        n, r = divmod(n, b)
        out = digits[r] + out
    return "-" + out if neg else out
print(to_base(255, 16), to_base(255, 2), to_base(-100, 7), to_base(2 ** 64, 36), int(to_base(2 ** 64, 36), 36) == 2 ** 64)
def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x
print(isqrt(10 ** 40), isqrt(99), isqrt(2 ** 101))
print(sum(int(c) for c in str(2 ** 1000)))
