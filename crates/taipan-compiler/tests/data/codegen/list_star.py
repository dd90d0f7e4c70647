l = [a, *b, c]
