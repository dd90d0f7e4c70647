values = [0, 1, 255, 256, 1000, -5, -6]
for v in values:
    print(v, v == int(str(v)), type(v).__name__)
print(int("7") + 0 == 7, 10 ** 2 == 100)
print([1, 2, 3].count(2), (1, 1, 1).count(1))
