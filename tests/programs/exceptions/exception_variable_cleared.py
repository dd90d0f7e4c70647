e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    print("in handler", repr(e))
print("e" in dir())
def f():
    err = None
    try:
        1 / 0
    except ZeroDivisionError as exc:
        err = exc
    return type(err).__name__, "exc" in locals()
print(f())
try:
    raise KeyError("k")
except KeyError as e2:
    saved = e2
print(repr(saved))
