l = [a, b, c]
