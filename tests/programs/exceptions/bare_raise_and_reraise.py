def f():
    try:
        raise ValueError("original")
    except ValueError:
        print("handling")
        raise
try:
    f()
except ValueError as e:
    print("re-raised:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
def g():
    try:
        raise KeyError("a")
    except KeyError as e:
        err = e
    raise err
try:
    g()
except KeyError as e:
    print("KeyError again:", e)
try:
    try:
        raise TypeError("t")
    except TypeError:
        try:
            raise ValueError("v")
        except ValueError:
            pass
        raise
except TypeError as e:
    print("outer got", repr(e))
