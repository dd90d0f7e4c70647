match x:
    case [1, 2] as p:
        f(p)
