print(int("12") + 1, str(12) + "!", float("1.5") * 2)
