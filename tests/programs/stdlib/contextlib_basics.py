# contextlib: contextmanager, suppress, closing, ExitStack, nullcontext, redirect_stdout.
import contextlib
@contextlib.contextmanager
def tag(name):
    print("<" + name + ">")
    try:
        yield name.upper()
    finally:
        print("</" + name + ">")
with tag("b") as t:
    print("inside", t)
try:
    with tag("i"):
        raise KeyError("x")
except KeyError as e:
    print("caught", e)
with contextlib.suppress(ZeroDivisionError):
    1 / 0
print("suppressed")
class Res:
    def close(self):
        print("closed")
with contextlib.closing(Res()):
    print("using")
with contextlib.ExitStack() as stack:
    for n in "xy":
        stack.enter_context(tag(n))
    stack.callback(print, "callback")
with contextlib.nullcontext(5) as v:
    print("null", v)
class Buf:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
    def getvalue(self):
        return ''.join(self.parts)
buf = Buf()
with contextlib.redirect_stdout(buf):
    print("hidden")
print(repr(buf.getvalue()))
