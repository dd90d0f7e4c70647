def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0:2] = [False, False]
    for i in range(2, int(n ** 0.5) + 1):
        if is_p[i]:
            is_p[i * i::i] = [False] * len(range(i * i, n + 1, i))
    return [i for i, p in enumerate(is_p) if p]
primes = sieve(200)
print(len(primes), primes[-5:])
def factorize(n):
    out = {}
    for p in primes:
        while n % p == 0:
            out[p] = out.get(p, 0) + 1
            n //= p
        if n == 1:
            break
    if n > 1:
        out[n] = 1
    return out
for n in (360, 97, 2 ** 10 * 3 ** 5, 123456789, 600851475143):
    print(n, factorize(n))
