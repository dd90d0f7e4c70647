print(int(2.5), int(-2.5), int(1e15), int(1.9999999999999999), int(-0.0))
print(float(2 ** 53), float(2 ** 53 + 1), float(2 ** 63), float(-2 ** 70))
print(float(10 ** 308), float(123456789012345678901234567890))
try:
    float(10 ** 309)
except OverflowError as e:
    print("OverflowError:", e)
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 == float(2 ** 53))
print(1 / 2 ** 1074 > 0 if False else 2.0 ** -1074, 2.0 ** -1075)
print(10 ** 20 / 10 ** 10, 10 ** 30 / 3, 7 / 7, (2 ** 100) / (2 ** 99))
try:
    2 ** 10000 / 1.5
except OverflowError as e:
    print("OverflowError:", e)
print(1e16 == 10 ** 16, 1e23 == 10 ** 23, 0.1 == 1 / 10)
