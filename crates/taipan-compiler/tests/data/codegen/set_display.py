s = {a, b}
