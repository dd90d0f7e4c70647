def run(x):
    try:
        print("try", x)
        r = 10 // x
    except ZeroDivisionError as e:
        print("except", e)
        return "handled"
    else:
        print("else", r)
        return "ok"
    finally:
        print("finally")
print(run(2))
print(run(0))
try:
    pass
except Exception:
    print("never")
else:
    print("else without exception")
try:
    raise KeyError("k")
except (TypeError, KeyError) as e:
    print("tuple except", type(e).__name__, e)
try:
    try:
        raise ValueError("inner")
    finally:
        print("inner finally")
except ValueError as e:
    print("outer caught", e)
