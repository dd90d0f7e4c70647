for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 1e-10, 123.456]:
    print(v, round(v), round(v, 1), round(v, 2), round(v, -1))
print(round(15, -1), round(25, -1), round(-35, -1), round(149, -2), round(150, -2), round(250, -2))
print(type(round(1.5)).__name__, type(round(1.5, 0)).__name__, type(round(5, 1)).__name__)
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(float("nan"))
except ValueError as e:
    print("ValueError:", e)
print(round(float("inf"), 2), round(2 ** 70 + 0.0, -20))
