# del on a function's attributes: some reset, some refuse (CPython's setters).
for name in ['__code__', '__name__', '__qualname__', '__defaults__', '__kwdefaults__', '__doc__',
             '__module__', '__annotations__', '__dict__', '__globals__', '__closure__', '__builtins__']:
    def f(a=1, *, b=2) -> int:
        'doc'
    try:
        delattr(f, name)
        print(name, 'deleted ->', repr(getattr(f, name, '<missing>')))
    except (TypeError, AttributeError) as e:
        print(name, type(e).__name__, e)


def g():
    pass


try:
    g.__code__ = 5
except TypeError as e:
    print('TypeError', e)
