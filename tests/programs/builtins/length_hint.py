# __length_hint__ of the builtin iterators and operator.length_hint.
import operator

it = iter(range(10))
next(it)
print(it.__length_hint__(), operator.length_hint(it))
print(operator.length_hint(iter(range(2**70, 2**70 + 5))))
print(operator.length_hint(reversed(range(7))))
d = {1: 'a', 2: 'b', 3: 'c'}
for view in (d, d.keys(), d.values(), d.items()):
    i = iter(view)
    print(operator.length_hint(i), end=' ')
    next(i)
    print(operator.length_hint(i))
i = iter(d)
next(i)
d[4] = 'd'
print('after growth', operator.length_hint(i))
s = {1, 2, 3, 4}
i = iter(s)
next(i)
print('set', operator.length_hint(i))
s.add(9)
print('set after growth', operator.length_hint(i))
print(operator.length_hint(iter([1, 2, 3])), operator.length_hint(iter((1, 2))))
print(operator.length_hint(map(abs, [1, 2])), operator.length_hint(map(abs, [1, 2]), 7))
print(operator.length_hint(iter(frozenset('ab'))))
