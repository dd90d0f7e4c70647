# warnings.warn attributes the warning to the frame stacklevel calls up.
import sys
import warnings


def deprecated(level):
    warnings.warn("old api", DeprecationWarning, stacklevel=level)


def user():
    deprecated(1)
    deprecated(2)
    deprecated(3)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    user()
    warnings.warn("direct")
for w in caught:
    print(w.category.__name__, w.message, w.lineno, w.filename.endswith("warnings_stacklevel.py"))

import traceback


def where():
    return [(f.name, f.lineno) for f in traceback.extract_stack()]


def a():
    return where()


def b():
    return a()


for name, line in b():
    print(name, line)
stack = traceback.extract_stack(sys._getframe(), limit=1)
print(len(stack), stack[0].name, stack[0].lineno, stack[0].line)


def walker():
    return [(f.f_code.co_name, n) for f, n in traceback.walk_stack(None)]


def walk_outer():
    return walker()


print(walk_outer())
print([(f.f_code.co_name, n) for f, n in traceback.walk_stack(sys._getframe())])
