match x:
    case {'k': v, **rest}:
        f(v, rest)
