class Named:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, repr(ev))
        return self.swallow
with Named("outer", swallow=True):
    with Named("inner"):
        raise ValueError("deep")
print("continued")
with Named("outer"):
    with Named("inner", swallow=True):
        raise KeyError("k")
    print("after inner")
try:
    with Named("a"), Named("b"):
        raise IndexError("both")
except IndexError as e:
    print("escaped", repr(e))
