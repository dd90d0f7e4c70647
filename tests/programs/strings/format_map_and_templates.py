class Default(dict):
    def __missing__(self, key):
        return "{" + key + "}"
tpl = "Hello {name}, you are {age} ({unknown})"
print(tpl.format_map(Default(name="ann", age=30)))
print("{a}-{b}".format_map({"a": 1, "b": 2}))
print("{0:{1}}|".format("x", 5), "{:{fill}^{w}}".format("m", fill="*", w=7))
print("{!r:>10}".format("q"), "{0!s:*<6}".format(1.5))
rows = [("id", "name"), (1, "ann"), (22, "bob")]
for r in rows:
    print("{:>4} | {:<6}|".format(*r))
