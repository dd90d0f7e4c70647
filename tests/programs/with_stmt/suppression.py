class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print("suppressed", et.__name__, ev)
            return True
        return None
with Suppress(KeyError):
    {}["x"]
    print("not reached")
print("after suppress")
try:
    with Suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("escaped", e)
def g():
    for i in range(3):
        with Suppress(ZeroDivisionError):
            print(10 / (1 - i))
    return "done"
print(g())
class Truthy:
    def __enter__(self):
        pass
    def __exit__(self, *a):
        return 1
with Truthy():
    raise RuntimeError("gone")
print("truthy exit suppresses")
