def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise TypeError("one")
    if n == 2:
        return 1 / 0
    return n
for n in range(4):
    try:
        try:
            print("result", risky(n))
        except ValueError as e:
            print("inner ValueError", e)
        except TypeError as e:
            print("inner TypeError", e)
            raise
        finally:
            print("inner finally", n)
    except Exception as e:
        print("outer", type(e).__name__, e)
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise KeyError("b")
except KeyError as e:
    print(repr(e), repr(e.__context__))
e = None
try:
    raise ValueError("scoped")
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError:", err)
