def f(a, b=1, *args, c, d=2, **kw):
    "doc"
    x = a
    return x
print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__kwdefaults__)
print(f.__code__.co_argcount, f.__code__.co_kwonlyargcount, f.__code__.co_posonlyargcount)
print(f.__code__.co_varnames, f.__code__.co_name)
f.custom = "attr"
print(f.custom, "custom" in f.__dict__)
g = f
g.__name__ = "renamed"
print(f.__name__)
print(type(f).__name__, f.__module__, callable(f))
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__, (lambda: 0).__qualname__)
