match x:
    case [a, *rest]:
        f(a, rest)
    case [*_, z]:
        g(z)
