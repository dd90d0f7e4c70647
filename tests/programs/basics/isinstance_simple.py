print(isinstance(1, int), isinstance("s", int))
