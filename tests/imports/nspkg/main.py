import sys
here = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'
sys.path[0:0] = [here + '/a', here + '/b']
import ns.one.m, ns.two.m
print(ns.one.m.V, ns.two.m.V)
print([p[len(here):] for p in ns.__path__], ns.__file__ if hasattr(ns, '__file__') else 'no file')
print(ns.__spec__.origin, ns.__package__, ns.__name__, ns.__spec__.submodule_search_locations is not None)
