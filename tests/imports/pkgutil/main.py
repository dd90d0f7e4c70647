# pkgutil over the import machinery: iter_modules, walk_packages,
# get_data, get_importer, resolve_name.
import os, sys, pkgutil
HERE = os.path.dirname(os.path.abspath(__file__))
import rpkg

print(pkgutil.get_data('rpkg', 'data.txt'))
print(sorted((m.name, m.ispkg) for m in pkgutil.iter_modules([HERE])))
print(sorted((m.name, m.ispkg) for m in pkgutil.iter_modules(rpkg.__path__, 'rpkg.')))
print(sorted((m.name, m.ispkg) for m in pkgutil.walk_packages(rpkg.__path__, 'rpkg.')))
imp = pkgutil.get_importer(HERE)
print(type(imp).__name__, imp.path == HERE, sys.path_importer_cache[HERE] is imp)
print(pkgutil.resolve_name('rpkg.inner.leaf').Z, pkgutil.resolve_name('rpkg.inner:Y'))
print(pkgutil.get_data('rpkg', 'missing.txt') if False else 'skip')
try:
    pkgutil.get_data('rpkg', 'missing.txt')
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno)
print(pkgutil.get_loader('rpkg.mod').name, type(pkgutil.find_loader('rpkg')).__name__)
