def classify(exc):
    try:
        raise exc
    except KeyError:
        return "KeyError"
    except LookupError:
        return "LookupError"
    except (ValueError, TypeError) as e:
        return "Value/Type:" + type(e).__name__
    except ArithmeticError:
        return "Arithmetic"
    except Exception:
        return "Exception"
for exc in [KeyError(), IndexError(), LookupError(), ValueError(), UnicodeDecodeError("utf-8", b"", 0, 1, "r"),
            TypeError(), ZeroDivisionError(), OverflowError(), RuntimeError(), RecursionError()]:
    print(type(exc).__name__, "->", classify(exc))
try:
    try:
        raise SystemExit(0)
    except Exception:
        print("not caught by Exception")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
excs = (KeyError, IndexError)
try:
    [][0]
except excs as e:
    print("tuple variable", type(e).__name__)
try:
    raise KeyError
except BaseException as e:
    print(type(e).__name__, e.args)
try:
    try:
        raise ValueError
    except 5:
        pass
except TypeError as e:
    print("TypeError:", e)
