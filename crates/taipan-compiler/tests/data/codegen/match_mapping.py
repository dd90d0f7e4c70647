match x:
    case {'k': v}:
        f(v)
