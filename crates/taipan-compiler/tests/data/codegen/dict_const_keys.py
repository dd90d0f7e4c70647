d = {'a': x, 'b': y}
