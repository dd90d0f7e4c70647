print({1: "a", 2: "b"} == {2: "b", 1: "a"}, {1: 1} == {1: 1.0}, {1: [1]} != {1: [2]})
print(repr({}), repr({"a": None, 1: (2,), (3, 4): [5], None: {}}))
print(str({"quote'": 'dq"'}), {1.5: -0.0, float("inf"): True})
d = {"b": 1, "a": 2}
print(list(d), sorted(d), d.items() == {("a", 2), ("b", 1)}, list(d.values()))
nested = {"l": [1, {"x": (1, 2)}], "s": {1}}
print(nested)
print(len({True: 1, 1: 2, 1.0: 3}))
