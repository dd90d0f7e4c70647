d = {}
d["x"] = 5
print(d.get("x"), d.get("y"), "x" in d)
