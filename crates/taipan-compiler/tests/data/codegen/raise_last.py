def f(x):
    'doc'
    raise T(**x)
