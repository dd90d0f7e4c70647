try:
    {}["key"]
except KeyError as e:
    print(e.args, type(e.args).__name__)
try:
    undefined
except NameError as e:
    print(e.args, e.name)
try:
    object().attr
except AttributeError as e:
    print(e.args, e.name, type(e.obj).__name__)
try:
    raise OSError(2, "No such file")
except OSError as e:
    print(e.args, e.errno, e.strerror, type(e).__name__)
try:
    raise SystemExit(3)
except SystemExit as e:
    print("SystemExit", e.code, e.args)
try:
    raise StopIteration(7)
except StopIteration as e:
    print(e.value)
e = Exception(1, 2)
print(e.args, str(e), repr(e))
e.args = ("changed",)
print(str(e))
print(repr(BaseException()), str(Exception("")), repr(ValueError(None)))
e = ValueError("with note")
e.add_note("a note")
print(e.__notes__)
e = RuntimeError("tb")
print(e.with_traceback(None) is e)
