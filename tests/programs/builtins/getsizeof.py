# sys.getsizeof: sizes are the implementation's own, so only their
# relations are compared; __sizeof__ results are checked as CPython does.
import sys

class C:
    pass

def grows(small, big):
    return sys.getsizeof(big) > sys.getsizeof(small) > 0

print(grows(2**10, 2**1000), grows("a", "a" * 100), grows("a" * 10, "\u20ac" * 10),
      grows("\u20ac" * 10, "\U0001f600" * 10))
print(grows([], list(range(100))), grows((), tuple(range(100))), grows(set(), set(range(100))),
      grows({}, dict.fromkeys(range(100))), grows(b"", b"x" * 100), grows(bytearray(), bytearray(100)))
print(all(isinstance(sys.getsizeof(v), int) for v in (1, 1.5, None, True, C(), C, int, len, sys)))
print(sys.getsizeof(C()) == sys.getsizeof(C()), object().__sizeof__() == object().__sizeof__())

class Sized:
    def __init__(self, n):
        self.n = n
    def __sizeof__(self):
        return self.n

print(sys.getsizeof(Sized(1000)) >= 1000, sys.getsizeof(Sized(0)) >= 0)
for bad in ("a", 1.5, -1, 2**70):
    for args in ((Sized(bad),), (Sized(bad), "default")):
        try:
            print(sys.getsizeof(*args))
        except Exception as e:
            print(type(e).__name__, e)

class NoSizeof:
    def __getattribute__(self, name):
        raise AttributeError(name)
print(sys.getsizeof(NoSizeof()) > 0)
try:
    sys.getsizeof()
except TypeError as e:
    print("TypeError")
