# PEP 585 generic aliases: list[int], dict[str, X], substitution, attributes.
print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()])
a = list[int]
print(a.__origin__, a.__args__, a.__parameters__, a.__name__)
print(type(a).__name__, type(a).__module__, repr(type(a)))
print(a == list[int], a != list[str], hash(a) == hash(list[int]))
print(a([1, 2, 3]), dict[str, int](x=1))
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
class Box:
    def __class_getitem__(cls, item):
        return f"Box of {item!r}"
print(Box[int], Box["x"])
class MyList(list[int]):
    pass
print(MyList.__bases__, MyList.__orig_bases__, MyList([4]))
GA = type(list[int])
print(GA(dict, (str, int)), GA(set, int))
print(list[int].__mro_entries__((list[int],)))
print(type[int], frozenset[str], set[bytes])
class Cell:
    pass
print(list[Cell])
