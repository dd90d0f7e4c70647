# PEP 604 unions: int | str, isinstance/issubclass with unions.
u = int | str
print(u, type(u).__name__, u.__args__)
print(int | None, None | int, int | int, (int | str) | float)
print((int | str) == (str | int), (int | str) == (int | float))
print(hash(int | str) == hash(str | int))
print(isinstance(1, u), isinstance("a", u), isinstance(1.5, u), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
print(list[int] | None, int | list[str])
try:
    isinstance(1, int | list[int])
except TypeError as e:
    print("TypeError:", e)
try:
    int | 3
except TypeError as e:
    print("TypeError:", e)
class A: pass
class B(A): pass
print(isinstance(B(), A | int), issubclass(B, (int, A | str)))
