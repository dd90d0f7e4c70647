print(1, "two", 3.0, None, True)
