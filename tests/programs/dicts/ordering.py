d = {}
for k in ["z", "a", "m", "b"]:
    d[k] = len(d)
print(d, list(d))
del d["a"]
d["a"] = 99
print(d)
d["z"] = -1
print(d)
for k, v in d.items():
    print(k, v)
print(list(reversed(d)), list(reversed(d.items())))
e = {i: i * i for i in range(10)}
for i in range(0, 10, 2):
    del e[i]
e[0] = "back"
print(e)
