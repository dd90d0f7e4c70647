vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -1.5, 1e16, 1e15, 123456789.0, 1e-5, 1e-4, 0.0001234,
        1.5e300, 2.5e-300, 3.141592653589793, 2.0 ** 53, 2.0 ** 53 + 1, 1/3, 100.0, 1e22, 1e23]
for v in vals:
    print(repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"), -0.0, 0.0)
print(float("1e500"), float("-1e500"))
print(float("  1.5  "), float("1_0.5"), float("-.5"), float("5."), float("+3"))
print(float("Infinity"), float("-iNF"), float("NaN"))
