# f_lineno and f_lasti of live, finished and traceback frames; f_trace.
import re
import sys


def here():
    return sys._getframe(1).f_lineno


def lines():
    a = here()
    b = here()
    frame = sys._getframe()
    c = frame.f_lineno
    d = (
        frame.f_lineno
    )
    return a, b, c, d, frame


*nums, fr = lines()
print("live lines:", nums)
print("finished at line:", fr.f_lineno)
print("f_lasti even and positive:", fr.f_lasti % 2 == 0, fr.f_lasti > 0)


def thrower(n):
    x = n * 2
    if n:
        raise ValueError(x)


def caller():
    y = "y"
    thrower(0)
    thrower(3)


try:
    caller()
except ValueError as e:
    tb = e.__traceback__
    entries = []
    while tb is not None:
        f = tb.tb_frame
        back = f.f_back.f_code.co_name if f.f_back else None
        names = sorted(k for k in f.f_locals if not k.startswith("__"))
        entries.append((f.f_code.co_name, tb.tb_lineno, f.f_lineno, back, names))
        tb = tb.tb_next
    for entry in entries:
        print(entry)


def handled_here():
    try:
        {}["missing"]
    except KeyError:
        tb = sys.exc_info()[2]
        return tb.tb_frame is sys._getframe(), tb.tb_frame.f_back.f_code.co_name


print("handled:", handled_here())


def logging_style_currentframe():
    # what logging does without sys._getframe
    try:
        raise Exception
    except Exception:
        return sys.exc_info()[2].tb_frame.f_back


print("fallback frame:", logging_style_currentframe().f_code.co_name)

cur = sys._getframe()
print("f_trace default:", cur.f_trace, cur.f_trace_lines, cur.f_trace_opcodes)
cur.f_trace = print
print("f_trace set:", cur.f_trace is print)
cur.f_trace = None
cur.f_trace_lines = False
cur.f_trace_opcodes = True
for bad in (1, None):
    try:
        cur.f_trace_lines = bad
    except TypeError as e:
        print("TypeError", e)
print("after:", cur.f_trace, cur.f_trace_lines, cur.f_trace_opcodes)
cur.f_trace_lines = True
cur.f_trace_opcodes = False

r = repr(sys._getframe())
r = re.sub(r"0x[0-9a-f]+", "ADDR", r)
r = re.sub(r"file '[^']*?([A-Za-z_]+\.py)'", r"file '\1'", r)
print(r)


def gen():
    yield 1
    yield 2


g = gen()
print("gi_frame before start:", g.gi_frame.f_lineno)
next(g)
print("gi_frame after one:", g.gi_frame.f_lineno)
next(g)
print("gi_frame after two:", g.gi_frame.f_lineno)
for attr in ("f_code", "f_back", "f_locals", "f_globals", "f_lasti"):
    try:
        setattr(cur, attr, 1)
    except AttributeError as e:
        print("AttributeError", attr)
