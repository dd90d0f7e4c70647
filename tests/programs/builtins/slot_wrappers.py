# Dunders of builtin types are slot wrappers (wrapper_descriptor, bound:
# method-wrapper) except those CPython defines explicitly (list.__getitem__).
print(type(int.__add__).__name__, type((1).__add__).__name__, type(list.__getitem__).__name__, type([].__getitem__).__name__)
print(type(object.__init__).__name__, type(object().__str__).__name__, type(str.join).__name__, type(dict.__contains__).__name__, type(set.__contains__).__name__, type(frozenset.__contains__).__name__)
print(int.__add__(1, 2), (1).__add__(2), [1,2].__getitem__(1), int.__add__.__get__(5)(6), int.__add__.__name__, (3).__add__.__self__)
import types
print(types.WrapperDescriptorType.__name__, types.MethodWrapperType.__name__, types.MethodDescriptorType.__name__)
print(repr((1).__add__).startswith("<method-wrapper '__add__' of int object at 0x"))
print(sorted(k for k, v in vars(int).items() if type(v) is types.WrapperDescriptorType)[:8])
print([k for k in ("__getitem__", "__len__", "__iter__", "__reversed__") if type(vars(list)[k]) is types.MethodDescriptorType])
class MyInt(int):
    pass
print(MyInt(3) + 4, MyInt.__add__(MyInt(1), 1), type(MyInt(1).__add__).__name__)
