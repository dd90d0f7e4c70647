match x:
    case Point(a, b):
        f(a, b)
