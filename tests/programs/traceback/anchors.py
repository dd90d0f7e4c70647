# traceback's pure-Python carets with ~~~^^^ anchors for binary operations and subscripts
# (computed with the ast module).
import traceback
from hook_util import mask


def binop(a, b):
    return a + b * 2 // b


def subscript(d):
    return d["key"]["missing"]


def run(f, *args):
    try:
        f(*args)
    except Exception as e:
        return e


for e in [run(binop, 1, 0), run(binop, "x", 1), run(subscript, {"key": {}})]:
    print(mask("".join(traceback.format_exception(e))))
