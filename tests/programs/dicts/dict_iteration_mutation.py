d = {i: i for i in range(5)}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
d = {"a": 1}
try:
    for k in d:
        d["b"] = 2
except RuntimeError as e:
    print("RuntimeError:", e)
d = {"x": 1, "y": 2}
for k in d:
    d[k] = d[k] * 10
print(d)
s = {1, 2, 3}
try:
    for v in s:
        s.add(v + 10)
except RuntimeError as e:
    print("RuntimeError:", e)
