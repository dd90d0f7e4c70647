print(True and False, True or False, not True, 1 and 2, 0 or 3)
