a = 2 ** 100
print(a)
print(a + 1, a - 1, a * a)
print(-a, abs(-a))
print(a // 3, a % 3, -a // 3, -a % 3)
print(a // -7, a % -7)
print(10 ** 30 // 10 ** 15)
print(2 ** 64 - 1, 2 ** 63, -2 ** 63)
print((2 ** 64) >> 3, 1 << 70, (1 << 70) >> 69)
print(a == 2 ** 100, a > 2 ** 99, a < -a)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(str(3 ** 200)[:20], len(str(3 ** 200)))
print(int("123456789012345678901234567890") + 1)
print(hex(2 ** 80), oct(2 ** 70), bin(2 ** 40))
print(divmod(10 ** 25 + 7, 10 ** 12))
print((10 ** 20) & (10 ** 19), (10 ** 20) | 1, (10 ** 20) ^ (10 ** 20))
print(-(2 ** 70) >> 3, ~(2 ** 70))
