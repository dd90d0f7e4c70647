def f(command):
    match command:
        case 1:
            if False:
                return 1
        case _:
            return 2
