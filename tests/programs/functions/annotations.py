def f(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool:
    return True
print(f.__annotations__)
def g(x):
    return x
print(g.__annotations__)
x: int = 5
y: str
print(__annotations__)
class C:
    a: int
    b: str = "s"
print(C.__annotations__, C.b)
print(f.__name__, f.__qualname__, f.__defaults__, f.__kwdefaults__)
class D:
    def m(self):
        def inner():
            pass
        return inner
print(D.m.__qualname__, D().m().__qualname__)
