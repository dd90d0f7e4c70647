"""Installs a meta path finder for -m of its submodules (runpy asks sys.meta_path)."""
import sys, importlib.abc, importlib.util

class Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)
    def get_code(self, name):
        return compile("import sys\nprint('virtual main', __name__, __spec__.name, sys.argv)\n", '<virtual>', 'exec')

class Finder:
    def find_spec(self, name, path=None, target=None):
        if name == 'hookpkg.virtualmod':
            return importlib.util.spec_from_loader(name, Loader(), origin='virtual-origin')
        if name == 'hookpkg.nsvirtual':
            spec = importlib.util.spec_from_loader(name, None)
            return spec
        return None

sys.meta_path.insert(0, Finder())
