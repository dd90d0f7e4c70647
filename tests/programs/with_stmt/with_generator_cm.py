class gen_cm:
    def __init__(self, gen):
        self.gen = gen
    def __enter__(self):
        return next(self.gen)
    def __exit__(self, et, ev, tb):
        if et is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
        else:
            try:
                self.gen.throw(ev)
            except StopIteration:
                return True
            except BaseException as e:
                if e is ev:
                    return False
                raise
def tag(name):
    print(f"<{name}>")
    try:
        yield name
    except ValueError:
        print("swallowed ValueError")
    print(f"</{name}>")
with gen_cm(tag("b")) as n:
    print("inside", n)
with gen_cm(tag("i")):
    raise ValueError("x")
print("after")
try:
    with gen_cm(tag("p")):
        raise KeyError("y")
except KeyError as e:
    print("propagated", e)
