match x:
    case y:
        a(y)
