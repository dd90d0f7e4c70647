print(len("abc"), len([1, 2]), len({}), len(range(7)))
