# PEP 562: a module's own __getattr__ and __dir__, and module AttributeErrors.
import sys
import types
import importlib.machinery

lazy = types.ModuleType("lazy_mod")
calls = []


def _getattr(name):
    calls.append(name)
    if name.startswith("gen_"):
        return name[4:].upper()
    raise AttributeError(f"lazy_mod has nothing called {name}")


lazy.__getattr__ = _getattr
lazy.present = 1
sys.modules["lazy_mod"] = lazy

from lazy_mod import gen_abc, present
print(gen_abc, present)
import lazy_mod
print(lazy_mod.gen_x, getattr(lazy_mod, "missing", "default"), hasattr(lazy_mod, "gen_y"))
try:
    lazy_mod.other
except AttributeError as e:
    print("AttributeError:", e)
try:
    from lazy_mod import other
except ImportError as e:
    print("ImportError:", e)
print(calls)

m = types.ModuleType("plain")
print(dir(m))
m.zeta = m.alpha = 0
print(dir(m))
m.__dir__ = lambda: ["b", "a", "c"]
print(dir(m))
try:
    m.nothing
except AttributeError as e:
    print(e, e.name == "nothing", e.obj is m)
del m.__dict__["__name__"]
try:
    m.nothing
except AttributeError as e:
    print(e)

half = types.ModuleType("half")
half.__spec__ = importlib.machinery.ModuleSpec("half", None)
half.__spec__._initializing = True
try:
    half.later
except AttributeError as e:
    print(e)
half.__spec__._initializing = False
try:
    half.later
except AttributeError as e:
    print(e)


class Sub(types.ModuleType):
    def __getattr__(self, name):
        return "class hook: " + name


s = Sub("sub")
s.__getattr__ = lambda name: "module hook"
print(s.anything)
print(type(m).__dir__(m))
