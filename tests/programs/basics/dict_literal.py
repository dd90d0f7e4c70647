d = {"a": 1, "b": 2}
print(d, d["b"], len(d))
