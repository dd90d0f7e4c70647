class AppError(Exception):
    pass
class DbError(AppError):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return f"[{self.code}] {self.msg}"
class Quiet(AppError):
    def __init__(self):
        pass
for exc in [AppError(), AppError("one"), AppError("a", 2), DbError(404, "nf"), Quiet()]:
    print(type(exc).__name__, repr(str(exc)), exc.args, repr(exc))
try:
    raise DbError(500, "boom")
except AppError as e:
    print("caught as AppError:", e, e.code, isinstance(e, Exception), isinstance(e, DbError))
print(issubclass(DbError, AppError), issubclass(AppError, BaseException), DbError.__mro__[1].__name__)
class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr!"
print(repr(WithRepr("a")), str(WithRepr("a")))
e = ValueError("a", "b")
e.extra = 5
print(e.args, e.extra, str(e))
print(str(KeyError("k")), str(KeyError()), str(KeyError("a", "b")), repr(KeyError("k")))
