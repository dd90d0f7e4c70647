# abc (through the native _abc) and _collections_abc: ABCMeta, abstract
# methods, register, __subclasshook__, isinstance/issubclass caches.
import abc
from _collections_abc import Sequence, Mapping, MutableMapping, Hashable, Iterator, Sized, Iterable, Callable
class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
    @abc.abstractmethod
    def name(self): ...
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
class Half(Shape):
    def area(self):
        return 1
try:
    Half()
except TypeError as e:
    print("TypeError:", e)
class Square(Half):
    def name(self):
        return "square"
print(Square().area(), Square().name(), sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
class Registered: pass
Shape.register(Registered)
print(isinstance(Registered(), Shape), issubclass(Registered, Shape), issubclass(int, Shape))
print(isinstance([], Sequence), isinstance({}, Mapping), issubclass(dict, MutableMapping), isinstance(1, Hashable))
print(isinstance(iter([]), Iterator), isinstance([], Hashable), issubclass(list, Sized), isinstance(len, Callable))
class Len:
    def __len__(self):
        return 0
print(isinstance(Len(), Sized), issubclass(Len, Iterable))
class Seq(Sequence):
    def __getitem__(self, i):
        return [10, 20, 30][i]
    def __len__(self):
        return 3
s = Seq()
print(list(s), 20 in s, s.index(30), s.count(10), list(reversed(s)))
token = abc.get_cache_token()
class Other: pass
Sequence.register(Other)
print(abc.get_cache_token() > token, isinstance(Other(), Sequence))
class Meta(abc.ABCMeta): pass
class WithMeta(metaclass=Meta):
    @property
    @abc.abstractmethod
    def value(self): ...
print(WithMeta.__abstractmethods__, type(WithMeta).__name__)
