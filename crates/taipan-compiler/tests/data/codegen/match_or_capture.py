match x:
    case [a] | (a, 1):
        f(a)
