# warnings.warn shows the warned line's source, as CPython's warnings module formats it.
import io
import re
import sys
import warnings
from hook_util import mask


def deprecated_api(x):
    warnings.warn("deprecated_api is old", DeprecationWarning, stacklevel=2)
    return x


def caller():
    return deprecated_api(5) + 1


buf = io.StringIO()
old = sys.stderr
sys.stderr = buf
try:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        caller()
        warnings.warn("plain user warning")
        warnings.warn_explicit("explicit", UserWarning, "nofile.py", 3)
finally:
    sys.stderr = old
print(re.sub(r"\S*warn_line\.py", "FILE", buf.getvalue()))

with warnings.catch_warnings(record=True) as got:
    warnings.simplefilter("always")
    caller()
for w in got:
    print(w.category.__name__, str(w.message), w.lineno, w.line)
    print(mask(warnings.formatwarning(w.message, w.category, "FILE", w.lineno, w.line)))
