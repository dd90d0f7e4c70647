class A: pass
class B(A): pass
for v in (1, None, "x\0y", "ok"):
    try:
        B.__name__ = v
        print("name", B.__name__)
    except Exception as e:
        print(type(e).__name__, e)
for v in (1, "Q.R"):
    try:
        B.__qualname__ = v
        print("qual", B.__qualname__)
    except Exception as e:
        print(type(e).__name__, e)
for t in (int, object, type):
    for attr in ("__name__", "__qualname__", "__bases__", "__module__", "__doc__"):
        try:
            setattr(t, attr, "x")
        except Exception as e:
            print(type(e).__name__, e)
try:
    del B.__name__
except Exception as e:
    print(type(e).__name__, e)
try:
    del B.__qualname__
except Exception as e:
    print(type(e).__name__, e)
class D: "doc"
D.__doc__ = "new"
print(D.__doc__)
D.__module__ = "m"
print(D.__module__, D)
for a in ("__module__", "__bases__"):
    try:
        delattr(D, a)
    except Exception as e:
        print(type(e).__name__, e)
