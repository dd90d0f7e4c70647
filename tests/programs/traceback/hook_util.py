# Helper for the traceback programs: what sys.excepthook prints, with the file name masked.
import io
import re
import sys


def show(e, title=None):
    if title:
        print("####", title)
    buf = io.StringIO()
    old = sys.stderr
    sys.stderr = buf
    try:
        sys.excepthook(type(e), e, e.__traceback__)
    finally:
        sys.stderr = old
    print(mask(buf.getvalue()), end="")
    print("-----")


def mask(text):
    """File names without their directory (CPython makes the script's absolute)."""
    return re.sub(r'File "[^"]*/([^"/]*)"', r'File "\1"', text)


def caught(f, *args):
    try:
        f(*args)
    except BaseException as e:
        return e
    raise AssertionError("no exception")
