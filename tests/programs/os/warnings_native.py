# _warnings: warn with categories and filters, printed to stderr; stdout
# shows only what the filters decided.
import _warnings

print(len(_warnings.filters), [f[0] for f in _warnings.filters])
print(_warnings._defaultaction, _warnings._onceregistry)
_warnings.warn("shown once per line")
for i in range(3):
    _warnings.warn("in a loop")
_warnings.warn("deprecated", DeprecationWarning)
_warnings.warn(UserWarning("instance"))
_warnings.filters.insert(0, ("error", None, RuntimeWarning, None, 0))
_warnings._filters_mutated()
try:
    _warnings.warn("boom", RuntimeWarning)
except RuntimeWarning as e:
    print("raised", type(e).__name__, e)
_warnings.filters.insert(0, ("ignore", None, UserWarning, None, 0))
_warnings._filters_mutated()
_warnings.warn("ignored")
try:
    _warnings.warn("x", int)
except TypeError as e:
    print("TypeError", e)
_warnings.warn_explicit("explicit", SyntaxWarning, "file.py", 12)
print("registry", sorted(k for k in __warningregistry__ if k != "version"))
print("done")
