def f(x):
    match x:
        case [a, b]:
            return a + b
        case _:
            return 0
