"""Taipan's import machinery objects (crates/taipan-vm/src/import/machinery.rs):
the finders on sys.meta_path and sys.path_hooks and the spec and loader
objects modules carry. They speak importlib's protocols (find_spec,
create_module, exec_module, get_code, get_data, get_resource_reader, ...) so
that CPython's importlib, importlib.util/resources and pkgutil work on top;
the work itself is native (the _native_* functions machinery.rs puts in
this namespace before running it, with _sys = the sys module). The import
statement does not run this code for the finders and loaders below: it
recognises them and takes the native path; only finders and loaders
written in Python (and importlib's own calls) come through here."""


class ModuleSpec:
    __module__ = '_frozen_importlib'

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._set_fileattr = False
        self._cached = None
        self._uninitialized_submodules = []

    def __repr__(self):
        args = ['name={!r}'.format(self.name), 'loader={!r}'.format(self.loader)]
        if self.origin is not None:
            args.append('origin={!r}'.format(self.origin))
        if self.submodule_search_locations is not None:
            args.append('submodule_search_locations={}'.format(self.submodule_search_locations))
        return '{}({})'.format(self.__class__.__name__, ', '.join(args))

    def __eq__(self, other):
        locs = self.submodule_search_locations
        try:
            return (self.name == other.name and self.loader == other.loader
                    and self.origin == other.origin and locs == other.submodule_search_locations
                    and self.cached == other.cached and self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        if self._cached is None and self.origin is not None and self._set_fileattr:
            self._cached = _native_cached(self.origin)
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return self.name.rpartition('.')[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


def _spec_from_loader(name, loader, origin=None):
    """A spec for a loader a legacy finder returned."""
    if origin is None and hasattr(loader, 'get_filename'):
        try:
            origin = loader.get_filename(name)
        except ImportError:
            origin = None
    is_package = False
    if hasattr(loader, 'is_package'):
        try:
            is_package = loader.is_package(name)
        except ImportError:
            is_package = False
    spec = ModuleSpec(name, loader, origin=origin, is_package=is_package)
    if origin is not None and hasattr(loader, 'get_filename'):
        spec.has_location = True
        if is_package:
            spec.submodule_search_locations = [origin.rpartition('/')[0]]
    return spec


class BuiltinImporter:
    __module__ = '_frozen_importlib'
    _ORIGIN = 'built-in'

    @staticmethod
    def module_repr(module):
        return '<module {!r} (built-in)>'.format(module.__name__)

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is not None or not _native_is_builtin(fullname):
            return None
        return ModuleSpec(fullname, cls, origin=cls._ORIGIN)

    @classmethod
    def find_module(cls, fullname, path=None):
        spec = cls.find_spec(fullname, path)
        return spec.loader if spec is not None else None

    @staticmethod
    def create_module(spec):
        return _native_create_builtin(spec.name)

    @staticmethod
    def exec_module(module):
        pass

    @classmethod
    def get_code(cls, fullname):
        return None

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        return False


class FrozenImporter:
    """Taipan freezes nothing: here for sys.meta_path's usual shape."""
    __module__ = '_frozen_importlib'

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return None

    @classmethod
    def find_module(cls, fullname, path=None):
        return None


def _meta_find(finder, fullname, path):
    """A spec from a meta path finder written in Python (find_spec, or
    the legacy find_module)."""
    find_spec = getattr(finder, 'find_spec', None)
    if find_spec is not None:
        return find_spec(fullname, path, None)
    find_module = getattr(finder, 'find_module', None)
    if find_module is None:
        return None
    loader = find_module(fullname, path)
    return None if loader is None else _spec_from_loader(fullname, loader)


def _entry_find(finder, fullname):
    """A spec from a path entry finder written in Python (find_spec, or
    the legacy find_loader / find_module)."""
    if hasattr(finder, 'find_spec'):
        return finder.find_spec(fullname)
    if hasattr(finder, 'find_loader'):
        loader, portions = finder.find_loader(fullname)
    elif hasattr(finder, 'find_module'):
        loader, portions = finder.find_module(fullname), []
    else:
        return None
    if loader is not None:
        return _spec_from_loader(fullname, loader)
    spec = ModuleSpec(fullname, None)
    spec.submodule_search_locations = portions
    return spec


class PathFinder:
    __module__ = '_frozen_importlib_external'

    @staticmethod
    def invalidate_caches():
        cache = _sys.path_importer_cache
        for name, finder in list(cache.items()):
            if finder is None or not name.startswith('/'):
                del cache[name]
            elif hasattr(finder, 'invalidate_caches'):
                finder.invalidate_caches()

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return _native_path_find(fullname, path)

    @classmethod
    def find_module(cls, fullname, path=None):
        spec = cls.find_spec(fullname, path)
        return None if spec is None else spec.loader

    @classmethod
    def _path_importer_cache(cls, path):
        return _native_finder_for(path)

    @staticmethod
    def find_distributions(*args, **kwargs):
        from importlib.metadata import MetadataPathFinder
        return MetadataPathFinder.find_distributions(*args, **kwargs)


def _module_name_of(filename):
    """inspect.getmodulename for the suffixes Taipan imports."""
    for suffix in ('.py', '.pyc'):
        if filename.endswith(suffix) and len(filename) > len(suffix):
            return filename[:-len(suffix)]
    return None


class FileFinder:
    __module__ = '_frozen_importlib_external'

    def __init__(self, path, *loader_details):
        self.path = _native_absdir(path)

    def invalidate_caches(self):
        pass

    def find_spec(self, fullname, target=None):
        return _native_dir_find(fullname, self.path)

    def find_module(self, fullname):
        spec = self.find_spec(fullname)
        return None if spec is None else spec.loader

    def find_loader(self, fullname):
        spec = self.find_spec(fullname)
        if spec is None:
            return None, []
        return spec.loader, spec.submodule_search_locations or []

    def iter_modules(self, prefix=''):
        """(name, ispkg) of the modules in this directory (for pkgutil)."""
        try:
            filenames = sorted(_native_listdir(self.path))
        except OSError:
            return
        seen = set()
        for fn in filenames:
            modname = _module_name_of(fn)
            if modname == '__init__' or modname in seen:
                continue
            ispkg = False
            if not modname and '.' not in fn and _native_isdir(self.path + '/' + fn):
                try:
                    inner = _native_listdir(self.path + '/' + fn)
                except OSError:
                    inner = []
                if not any(_module_name_of(f) == '__init__' for f in inner):
                    continue
                modname, ispkg = fn, True
            if modname and '.' not in modname:
                seen.add(modname)
                yield prefix + modname, ispkg

    @classmethod
    def path_hook(cls, *loader_details):
        def path_hook_for_FileFinder(path):
            if not _native_isdir(path or '.'):
                raise ImportError('only directories are supported', path=path)
            return cls(path, *loader_details)
        return path_hook_for_FileFinder

    def __repr__(self):
        return 'FileFinder({!r})'.format(self.path)


class FileLoader:
    __module__ = '_frozen_importlib_external'

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def get_filename(self, fullname=None):
        return self.path

    def get_data(self, path):
        return _native_read(path)

    def is_package(self, fullname):
        filename = self.path.rpartition('/')[2]
        return filename.rsplit('.', 1)[0] == '__init__' and fullname.rpartition('.')[2] != '__init__'

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        code = self.get_code(module.__name__)
        if code is None:
            raise ImportError('cannot load module {!r} when get_code() returns None'.format(module.__name__))
        exec(code, module.__dict__)

    def load_module(self, fullname):
        return _load_legacy(self, fullname)

    def get_resource_reader(self, module):
        from importlib.readers import FileReader
        return FileReader(self)


class SourceFileLoader(FileLoader):
    __module__ = '_frozen_importlib_external'

    def get_code(self, fullname):
        return _native_source_code(fullname, self.path)

    def get_source(self, fullname):
        return _native_decode_source(self.get_data(self.path))

    def path_stats(self, path):
        mtime, size = _native_stat(path)
        return {'mtime': mtime, 'size': size}

    def source_to_code(self, data, path, *, _optimize=-1):
        return compile(data, path, 'exec', dont_inherit=True, optimize=_optimize)


class SourcelessFileLoader(FileLoader):
    __module__ = '_frozen_importlib_external'

    def get_code(self, fullname):
        return _native_sourceless_code(fullname, self.path)

    def get_source(self, fullname):
        return None


class _NamespacePath:
    """A namespace package's __path__ (a list of directories)."""
    __module__ = '_frozen_importlib_external'

    def __init__(self, name, path, path_finder=None):
        self._name = name
        self._path = list(path)

    def __iter__(self):
        return iter(self._path)

    def __getitem__(self, index):
        return self._path[index]

    def __setitem__(self, index, path):
        self._path[index] = path

    def __len__(self):
        return len(self._path)

    def __repr__(self):
        return '_NamespacePath({!r})'.format(self._path)

    def __contains__(self, item):
        return item in self._path

    def append(self, item):
        self._path.append(item)


class NamespaceLoader:
    __module__ = '_frozen_importlib_external'

    def __init__(self, name, path, path_finder=None):
        self._path = path if isinstance(path, _NamespacePath) else _NamespacePath(name, path)

    def is_package(self, fullname):
        return True

    def get_source(self, fullname):
        return ''

    def get_code(self, fullname):
        return compile('', '<string>', 'exec', dont_inherit=True)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        pass

    def load_module(self, fullname):
        return _load_legacy(self, fullname)

    def get_resource_reader(self, module):
        from importlib.readers import NamespaceReader
        return NamespaceReader(self._path)


def _init_module_attrs(spec, module):
    """The attributes a module gets from its spec."""
    module.__name__ = spec.name
    loader = spec.loader
    if loader is None and spec.submodule_search_locations is not None:
        loader = NamespaceLoader(spec.name, spec.submodule_search_locations)
        spec.loader = loader
        module.__file__ = None
    module.__loader__ = loader
    module.__package__ = spec.parent
    module.__spec__ = spec
    if spec.submodule_search_locations is not None:
        module.__path__ = spec.submodule_search_locations
    if spec.has_location:
        module.__file__ = spec.origin
        if spec.cached is not None:
            module.__cached__ = spec.cached
    return module


def _load_foreign(spec):
    """Loads a module whose spec came from a finder written in Python
    (as importlib's _load_unlocked)."""
    loader = spec.loader
    if loader is not None and not hasattr(loader, 'exec_module'):
        module = loader.load_module(spec.name)
        module = _sys.modules.pop(spec.name)
        _sys.modules[spec.name] = module
        for name, value in (('__loader__', loader), ('__spec__', spec)):
            if getattr(module, name, None) is None:
                setattr(module, name, value)
        if getattr(module, '__package__', None) is None:
            module.__package__ = spec.name if hasattr(module, '__path__') else spec.name.rpartition('.')[0]
        return module
    module = None
    if hasattr(loader, 'create_module'):
        module = loader.create_module(spec)
    elif loader is not None:
        raise ImportError('loaders that define exec_module() must also define create_module()')
    if module is None:
        module = type(_sys)(spec.name)
    _init_module_attrs(spec, module)
    spec._initializing = True
    try:
        _sys.modules[spec.name] = module
        try:
            if loader is None:
                if spec.submodule_search_locations is None:
                    raise ImportError('missing loader', name=spec.name)
            else:
                loader.exec_module(module)
        except BaseException:
            _sys.modules.pop(spec.name, None)
            raise
        module = _sys.modules.pop(spec.name)
        _sys.modules[spec.name] = module
    finally:
        spec._initializing = False
    return module


def _load_legacy(loader, fullname):
    """The deprecated load_module(): load (or reload) `fullname`."""
    spec = _spec_from_loader(fullname, loader)
    module = _sys.modules.get(fullname)
    if module is None:
        return _load_foreign(spec)
    _init_module_attrs(spec, module)
    loader.exec_module(module)
    return _sys.modules[fullname]
