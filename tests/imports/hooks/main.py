# sys.meta_path / sys.path_hooks / sys.path_importer_cache, importlib on
# top of them, module reprs, importlib.reload.
import sys, os, types
import importlib, importlib.util, importlib.machinery
HERE = os.path.dirname(os.path.abspath(__file__))

def show(s):
    print(str(s).replace(HERE, '<here>'))

names = [getattr(f, '__name__', type(f).__name__) for f in sys.meta_path]
print(names[-3:])
print(sys.path_hooks[-1].__name__)
print(repr(sys), repr(sys.modules['builtins']), repr(importlib.machinery.BuiltinImporter) if False else '')

import mod_a
show(repr(mod_a))
spec = mod_a.__spec__
print(spec.name, spec.origin == mod_a.__file__, spec.has_location, repr(spec.parent), spec.submodule_search_locations)
loader = mod_a.__loader__
print(type(loader).__name__, loader.get_filename('mod_a') == mod_a.__file__, loader.is_package('mod_a'))
print(loader.get_source('mod_a').splitlines(), loader.get_data(mod_a.__file__))
print(mod_a.__cached__ == spec.cached, os.path.basename(os.path.dirname(spec.cached)))
print(type(loader.get_code('mod_a')).__name__)
show(sys.path_importer_cache[HERE])

import pkg.sub
show(repr(pkg))
show(pkg.__path__)
print(pkg.__spec__.parent, pkg.sub.__spec__.parent, pkg.__loader__.is_package('pkg'))
found = importlib.util.find_spec('pkg.sub')
show((found.name, found.origin, found.parent, type(found.loader).__name__))
print(importlib.import_module('.sub', 'pkg') is pkg.sub)

class Loader:
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        module.value = 'made ' + module.__name__
    def __repr__(self):
        return 'Loader()'

class Finder:
    def find_spec(self, name, path, target=None):
        if name.startswith('virtual'):
            print('find_spec', name, path)
            return importlib.util.spec_from_loader(name, Loader(), is_package=name.endswith('pkg'))
        return None

sys.meta_path.insert(0, Finder())
import virtual_one
print(virtual_one.value, repr(virtual_one), virtual_one.__spec__.loader, virtual_one.__package__)
import virtual_pkg.virtual_child
print(virtual_pkg.virtual_child.value, virtual_pkg.__path__, virtual_pkg.virtual_child.__package__)
from virtual_pkg import virtual_other
print(virtual_other.value)

class LegacyFinder:
    def find_module(self, name, path=None):
        return self if name == 'legacy_mod' else None
    def load_module(self, name):
        m = types.ModuleType(name)
        m.kind = 'legacy'
        sys.modules[name] = m
        return m

sys.meta_path.insert(0, LegacyFinder())
import legacy_mod
print(legacy_mod.kind, type(legacy_mod.__loader__).__name__, legacy_mod.__spec__ is not None)

class EntryFinder:
    def __init__(self, path):
        self.path = path
    def find_spec(self, name, target=None):
        if name == 'hooked':
            return importlib.util.spec_from_loader(name, Loader())
        if name == 'hooked_ns':
            spec = importlib.machinery.ModuleSpec(name, None)
            spec.submodule_search_locations = ['/virtual/hooked_ns']
            return spec
        return None
    def __repr__(self):
        return 'EntryFinder(%r)' % self.path

def hook(path):
    if path == 'virtual-entry':
        return EntryFinder(path)
    raise ImportError('not mine')

sys.path_hooks.insert(0, hook)
sys.path.append('virtual-entry')
import hooked
print(hooked.value, sys.path_importer_cache['virtual-entry'])
import hooked_ns
print(list(hooked_ns.__path__), hooked_ns.__spec__.origin, hooked_ns.__file__)
print(sys.path_importer_cache.get('no-such-entry', 'absent'))
try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print('ModuleNotFoundError', e, e.name)
print(sys.path_importer_cache.get('no-such-entry', 'absent'))

class Boom:
    def find_spec(self, name, path, target=None):
        if name == 'boom':
            raise RuntimeError('finder failed')
sys.meta_path.insert(0, Boom())
try:
    import boom
except RuntimeError as e:
    print('RuntimeError', e)

class NoCreate:
    def exec_module(self, module):
        pass
class NoCreateFinder:
    def find_spec(self, name, path, target=None):
        if name == 'nocreate':
            return importlib.machinery.ModuleSpec(name, NoCreate())
sys.meta_path.insert(0, NoCreateFinder())
try:
    import nocreate
except ImportError as e:
    print('ImportError', e)

spec = importlib.util.spec_from_file_location('loaded_by_path', os.path.join(HERE, 'by_path.py'))
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
print(m.NAME, m.__name__, m.__file__ == spec.origin, 'loaded_by_path' in sys.modules)
show(repr(m))

with open(os.path.join(HERE, 'reloadme.py'), 'w') as f:
    f.write('X = 1\n')
importlib.invalidate_caches()
import reloadme
print(reloadme.X)
with open(os.path.join(HERE, 'reloadme.py'), 'w') as f:
    f.write('X = 22 + 1\n')
r = importlib.reload(reloadme)
print(r is reloadme, reloadme.X)
del sys.modules['reloadme']
try:
    importlib.reload(reloadme)
except ImportError as e:
    print('ImportError', e)

m = types.ModuleType('plain')
print(repr(m), m.__spec__, m.__loader__, m.__package__)
m.__file__ = '/x/plain.py'
print(repr(m))
class ReprLoader:
    def module_repr(self, module):
        return '<custom %s>' % module.__name__
m2 = types.ModuleType('custom')
m2.__loader__ = ReprLoader()
print(repr(m2))
m2.__spec__ = importlib.machinery.ModuleSpec('custom', None, origin='somewhere')
print(repr(m2))
m2.__spec__.has_location = True
print(repr(m2))

# The default finders on sys.meta_path are importlib.machinery's.
import importlib.machinery
print('identity', sys.meta_path[-1] is importlib.machinery.PathFinder,
      importlib.machinery.BuiltinImporter in sys.meta_path,
      importlib.machinery.FrozenImporter in sys.meta_path)
print('PathFinder.find_spec', importlib.machinery.PathFinder.find_spec('mod_a').name)
