"""Taipan's native import system: the spec and loader objects it sets as
__spec__ and __loader__ on the modules it loads (crates/taipan-vm/src/import)."""


class ModuleSpec:
    def __init__(self, name, loader, origin=None, is_package=False):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = None
        self.submodule_search_locations = [] if is_package else None
        self.cached = None
        self.has_location = False
        self._initializing = False

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return self.name.rpartition('.')[0]
        return self.name

    def __repr__(self):
        parts = ['name=' + repr(self.name), 'loader=' + repr(self.loader)]
        if self.origin is not None:
            parts.append('origin=' + repr(self.origin))
        if self.submodule_search_locations is not None:
            parts.append('submodule_search_locations=' + repr(self.submodule_search_locations))
        return 'ModuleSpec(' + ', '.join(parts) + ')'


class BuiltinImporter:
    def __repr__(self):
        return "<class '_frozen_importlib.BuiltinImporter'>"


class FileLoader:
    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def get_filename(self, fullname=None):
        return self.path

    def is_package(self, fullname):
        return self.path.rpartition('/')[2].rpartition('.')[0] == '__init__'


class SourceFileLoader(FileLoader):
    pass


class SourcelessFileLoader(FileLoader):
    pass


class NamespaceLoader:
    def __init__(self, name, path):
        self.name = name
        self.path = path

    def is_package(self, fullname):
        return True
