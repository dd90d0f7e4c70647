for a in (7, -7, 0, 13, -13):
    for b in (2, -2, 3, -3):
        print(a, b, a // b, a % b, divmod(a, b))
print(1 // 1, 0 // 5, -1 // 10, 1 % 10, -1 % 10)
