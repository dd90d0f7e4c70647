def returns_none():
    pass
print(returns_none() is None, type(None).__name__, None == None, None is not False)
print(repr(None), str(None), bool(None), [None] * 2, {None: None})
print(..., Ellipsis, type(...).__name__, ... is Ellipsis)
x = [1, ..., 3]
print(x, x.count(...))
try:
    None.attr
except AttributeError as e:
    print("AttributeError:", e)
try:
    None + 1
except TypeError as e:
    print("TypeError:", e)
try:
    len(None)
except TypeError as e:
    print("TypeError:", e)
