values = [1, 1.5, "s", b"b", None, True, [], (), {}, set(), frozenset(), range(2), len, print, type, object(),
          iter([]), iter(()), iter(""), iter({}), iter(set()), iter(range(1)), (x for x in []), zip(), map(abs, []),
          filter(None, []), enumerate([]), reversed([]), {}.keys(), {}.values(), {}.items(), slice(1), NotImplemented, ...,
          int.__add__, (1).__add__, [].append, lambda: 0]
for v in values:
    print(type(v).__name__)
print(type(type(1)).__name__, int.__name__, int.__qualname__, type(int).__name__)
