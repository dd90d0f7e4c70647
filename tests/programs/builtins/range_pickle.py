# range and range-iterator pickling: __reduce__ and __setstate__.
import pickle

print(range(1, 5, 2).__reduce__(), range(2**70).__reduce__())
it = iter(range(3, 20, 4))
next(it)
print(it.__reduce__())
it.__setstate__(2)
print(list(it))
it = iter(range(10))
it.__setstate__(-5)
print(next(it))
it.__setstate__(100)
print(list(it))
try:
    it.__setstate__('x')
except TypeError as e:
    print('TypeError', e)
big = iter(range(2**70, 2**70 + 10, 3))
next(big)
print(big.__reduce__(), big.__length_hint__())
big.__setstate__(1)
print(list(big))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    r = pickle.loads(pickle.dumps(range(2, 30, 5), proto))
    i = iter(range(5))
    next(i)
    j = pickle.loads(pickle.dumps(i, proto))
    print(proto, r, list(j), list(i))
rit = reversed(range(5))
next(rit)
print(rit.__reduce__(), list(pickle.loads(pickle.dumps(rit))))
