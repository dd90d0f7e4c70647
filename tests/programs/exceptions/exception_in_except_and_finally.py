def f():
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
try:
    f()
except TypeError as e:
    print(repr(e), "context:", repr(e.__context__))
def g():
    try:
        raise ValueError("in try")
    finally:
        raise KeyError("in finally")
try:
    g()
except KeyError as e:
    print(repr(e), "context:", repr(e.__context__))
def h():
    try:
        return 1
    finally:
        raise RuntimeError("finally raised over return")
try:
    h()
except RuntimeError as e:
    print(repr(e), e.__context__)
try:
    try:
        raise ValueError(1)
    except ValueError as e:
        raise e
except ValueError as e2:
    print(repr(e2), e2.__context__)
