for i, (a, b) in enumerate(zip("ab", "xy")):
    print(i, a, b)
