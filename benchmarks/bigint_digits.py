"""Big integers: factorials, a spigot for digits of pi and powers."""


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def pi_digits(count):
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    digits = []
    while len(digits) < count:
        if 4 * q + r - t < n * t:
            digits.append(n)
            q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
        else:
            q, r, t, k, n, l = q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2
    return digits


f = factorial(8000)
d = pi_digits(4000)
p = pow(3, 500000) % (10 ** 40)
print(f % 1_000_000_007, f.bit_length(), "".join(map(str, d[:20])), sum(d), p)
