# keyword, operator, types, reprlib, heapq, bisect, copyreg, numbers, weakref, warnings basics.
import keyword, operator, types, reprlib, heapq, bisect, copyreg, numbers, warnings
print(keyword.iskeyword("for"), keyword.iskeyword("x"), keyword.issoftkeyword("match"), len(keyword.kwlist))
print(operator.add(1, 2), operator.itemgetter(1, 0)("ab"), operator.attrgetter("real")(3), operator.methodcaller("upper")("a"))
print(types.FunctionType, types.MappingProxyType({"a": 1}))
print(isinstance(len, types.BuiltinFunctionType), isinstance(lambda: 0, types.LambdaType), types.GenericAlias(list, int))
print(types.new_class("Dyn", (object,), {}).__name__, type(types.DynamicClassAttribute))
print(reprlib.repr(list(range(100))), reprlib.repr("x" * 100))
h = [5, 1, 4, 2]; heapq.heapify(h); heapq.heappush(h, 0)
print([heapq.heappop(h) for _ in range(5)], heapq.nlargest(2, [3, 9, 1, 7]), heapq.nsmallest(2, [3, 9, 1]), list(heapq.merge([1, 4], [2, 3])))
s = [1, 3, 5]; bisect.insort(s, 4)
print(bisect.bisect_left(s, 3), bisect.bisect_right(s, 3), s, bisect.bisect([1, 2], 5, key=None))
print(copyreg.__newobj__ is not None, (1).__reduce_ex__(2)[0] is copyreg.__newobj__)
print(isinstance(1, numbers.Integral), isinstance(1.5, numbers.Real), isinstance(1j, numbers.Complex), issubclass(bool, numbers.Number), isinstance("a", numbers.Number))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("careful", UserWarning)
print(len(w), str(w[0].message), w[0].category.__name__)
@reprlib.recursive_repr()
def f(self):
    return "x"
print(f.__name__)
