match x:
    case 1:
        a()
    case 'two':
        b()
