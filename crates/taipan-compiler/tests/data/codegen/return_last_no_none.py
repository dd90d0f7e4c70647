def f(x):
    'doc'
    return T(**x)
