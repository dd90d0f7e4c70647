s = {*a, b}
