vals = [None, True, False, 0, -1, 1.0, 1e100, "s", b"b", [1, "a", None], (1,), (), {}, {"k": [1, 2]}, set(), {3}, frozenset(), frozenset({1}),
        [[]], ([],), {1: {2: {3: None}}}, range(5), range(1, 10, 2), slice(1, 2), slice(None), int, str, type(None), Ellipsis, NotImplemented]
for v in vals:
    print(str(v), "|", repr(v))
print(repr([1.0, -0.0, float("inf")]))
