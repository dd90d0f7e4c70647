def f(*args, **kwargs):
    return args, kwargs
