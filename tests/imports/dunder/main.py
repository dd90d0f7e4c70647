import builtins, sys
m = __import__('pkg.sub')
print(m.__name__)
m = __import__('pkg.sub', fromlist=['x'])
print(m.__name__)
m = __import__('pkg', globals(), None, ['sub', 'missing_is_ignored'])
print(m.__name__, hasattr(m, 'sub'), hasattr(m, 'missing_is_ignored'))
m = __import__('sub', {'__package__': 'pkg'}, None, [], 1)
print(m.__name__)
original = builtins.__import__
seen = []
def hook(name, globals=None, locals=None, fromlist=(), level=0):
    seen.append((name, fromlist, level))
    return original(name, globals, locals, fromlist, level)
builtins.__import__ = hook
import pkg
from pkg import sub
import pkg.sub
builtins.__import__ = original
print(seen)
print(sys.modules['pkg.sub'] is sub)
