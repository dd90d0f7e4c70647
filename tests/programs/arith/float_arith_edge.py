print(0.1 * 3, 0.3 / 0.1, 1 - 0.9, 1e-16 + 1, 1.1 + 2.2)
print(1e308 + 1e308, -1e308 - 1e308, 1e-308 / 1e10)
print(5e-324 * 0.5, 2.2250738585072014e-308, 1.7976931348623157e308)
print(float("0.1") + float("0.2"), 3.0 * 1.1, 100 * 1.1)
print(-1.5 // 1, -1.5 % 1, 1.5 // -1, 1.5 % -1, -0.0 // 1)
print(2.0 ** -1, (-2.0) ** 3, (-8.0) ** 3, 0.0 ** 0.0)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print((-8.0) ** 2, (-8.0) ** -1, 8.0 ** (1 / 3), 1e200 ** 2 if False else 1e150 ** 2)
try:
    1e200 ** 2
except OverflowError as e:
    print("OverflowError:", e)
