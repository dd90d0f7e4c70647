# type.__flags__: CPython's bit values for the bits Taipan models (pattern
# matching, heap/immutable, base type, abstract, fast subclass bits).
import collections, collections.abc as cabc, abc, types, inspect, enum, dataclasses
MASK = (1<<8)|(1<<9)|(1<<10)|(1<<12)|(1<<20)|(1<<5)|(1<<6)|(1<<22)|sum(1<<n for n in range(24,32))
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
class B(A):
    def f(self): ...
class E(Exception): pass
class M(type): pass
class I(int): pass
class Plain: pass
for t in [object, type, int, bool, float, complex, str, bytes, bytearray, list, tuple, dict, set, frozenset,
          range, memoryview, types.MappingProxyType, collections.deque, collections.defaultdict,
          collections.Counter, cabc.Sequence, cabc.Mapping,
          cabc.MutableMapping, A, B, E, M, I, Plain, Exception, KeyError, enum.Enum, type(None)]:
    print(t.__name__, hex(t.__flags__ & MASK))
print(inspect.isabstract(A), inspect.isabstract(B), inspect.isabstract(cabc.Sequence), inspect.isabstract(int))
