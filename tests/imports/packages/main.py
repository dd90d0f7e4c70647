import pkg.sub.leaf
from pkg import helper
from pkg.sub import leaf as lf
print(pkg.__name__, pkg.__package__, pkg.__file__.rsplit('/', 1)[-1], [p.rsplit('/', 1)[-1] for p in pkg.__path__])
print(lf.__name__, lf.__package__, lf.__spec__.name, lf.__spec__.parent, pkg.sub.__spec__.parent)
print(lf.who(), helper.who(), pkg.sub.leaf is lf)
print(lf.__cached__.split('/')[-2], lf.__cached__.rsplit('/', 1)[-1].split('.')[0], lf.__spec__.origin == lf.__file__, lf.__spec__.submodule_search_locations)
print(pkg.sub.__spec__.submodule_search_locations == pkg.sub.__path__, lf.__loader__ is lf.__spec__.loader)
print(sorted(k for k in dir(pkg) if not k.startswith('__')))
import pkg.sub as alias
print(alias is pkg.sub, 'pkg.sub.leaf' in __import__('sys').modules)
print(__name__, __package__, __spec__)
