class MyErr(Exception):
    def __init__(self, a, b=2):
        super().__init__(a, b)
        self.total = a + b
e = MyErr(1)
print(e.args, e.total, str(e), repr(e))
class NoSuper(Exception):
    def __init__(self, msg):
        self.msg = msg
e = NoSuper("hello")
print(e.args, str(e), repr(e), e.msg)
class StrOverride(ValueError):
    def __str__(self):
        return "custom: " + super().__str__()
print(str(StrOverride("x")), repr(StrOverride("x")))
try:
    raise MyErr(5, 5)
except MyErr as err:
    print(err.total, isinstance(err, Exception))
class Chained(Exception):
    pass
try:
    try:
        raise MyErr(1)
    except MyErr as inner:
        raise Chained("outer") from inner
except Chained as c:
    print(repr(c.__cause__), c.__cause__.total)
