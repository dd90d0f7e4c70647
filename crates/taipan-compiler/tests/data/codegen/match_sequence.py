match x:
    case [a, b]:
        f(a, b)
