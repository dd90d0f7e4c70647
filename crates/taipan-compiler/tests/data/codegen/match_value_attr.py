match x:
    case Color.RED:
        a()
