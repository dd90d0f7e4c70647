# py_compile and compileall write caches under this implementation's tag
# and magic, which the import system then uses. Paths print with the cache
# tag replaced by <tag> (CPython's is cpython-311, Taipan's taipan-311).
import sys, os, importlib.util, py_compile, compileall
TAG = sys.implementation.cache_tag

def norm(p):
    return None if p is None else p.replace(TAG, '<tag>')

def header(path):
    with open(path, 'rb') as f:
        data = f.read(16)
    return data[:4] == importlib.util.MAGIC_NUMBER, int.from_bytes(data[4:8], 'little')

c = py_compile.compile('mod.py')
print(norm(c), os.path.exists(c), header(c))
import mod
print(mod.V, norm(os.path.relpath(mod.__cached__)), mod.__cached__ == os.path.abspath(c))

c = py_compile.compile('pkg/q.py', invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
print(norm(c), header(c))
import pkg.q
print(pkg.q.Q)

c = py_compile.compile('legacy.py', cfile='legacy.pyc')
print(c, header(c))
os.remove('legacy.py')
importlib.invalidate_caches()
import legacy
print(legacy.V, legacy.__file__.endswith('legacy.pyc'), type(legacy.__loader__).__name__)

print(compileall.compile_dir('pkg', quiet=1, force=True))
print(sorted(norm(f) for f in os.listdir('pkg/__pycache__')))
print(sorted(norm(f) for f in os.listdir('pkg/sub/__pycache__')))
print(compileall.compile_file('mod.py', quiet=1, force=True, optimize=1))
print(sorted(norm(f) for f in os.listdir('__pycache__')))
print(compileall.compile_dir('pkg', quiet=1, maxlevels=0, force=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH))
print(header('pkg/__pycache__/__init__.%s.pyc' % TAG), header('pkg/sub/__pycache__/__init__.%s.pyc' % TAG))
