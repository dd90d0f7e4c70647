# traceback's pure-Python formatting (format_exception, print_exc, TracebackException,
# extract_tb, walk_tb) over Taipan's tracebacks and code objects.
import sys
import traceback
from hook_util import mask


def inner(data):
    return data.missing_attribute


def middle(data):
    value = inner(data) if data else None
    return value


def outer():
    try:
        middle(object())
    except AttributeError as e:
        raise LookupError("outer failed") from e


def run(f):
    try:
        f()
    except Exception as e:
        return e


e = run(outer)
print(mask("".join(traceback.format_exception(e))))
print(mask("".join(traceback.format_exception(type(e), e, e.__traceback__, chain=False))))
print(mask("".join(traceback.format_exception(e, limit=1))))
print(mask("".join(traceback.format_exception_only(e))))
te = traceback.TracebackException.from_exception(e)
print(mask("".join(te.format())))
print(te.exc_type.__name__, str(te), te.__cause__.exc_type.__name__)
for fs in te.stack:
    print(mask(f'File "{fs.filename}"'), fs.lineno, fs.name, fs.line, fs.end_lineno, fs.colno, fs.end_colno)
for fs in traceback.extract_tb(e.__cause__.__traceback__):
    print(fs.lineno, fs.name, repr(fs.line), (fs.colno, fs.end_colno))
print([(f.f_code.co_name, n) for f, n in traceback.walk_tb(e.__traceback__)])

try:
    outer()
except LookupError:
    out = []

    class W:
        def write(self, s):
            out.append(s)
    traceback.print_exc(file=W())
    print(mask("".join(out)))
    print(mask(traceback.format_exc(limit=-1)))


eg = run(lambda: (_ for _ in ()).throw(ExceptionGroup("eg", [ValueError(1), run(outer)])))
print(mask("".join(traceback.format_exception(eg))))
tg = traceback.TracebackException.from_exception(eg, max_group_width=1, max_group_depth=1)
print(mask("".join(tg.format())))

n = ValueError("noted")
n.add_note("a note")
print("".join(traceback.format_exception(n)))
print("".join(traceback.format_exception_only(SyntaxError("bad", ("f.py", 3, 5, "a b c\n", 3, 7)))))
