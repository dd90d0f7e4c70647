d = {}
for i in range(100000):
    d[i] = str(i)
print(len(d), d[99999], d[12345])
for i in range(0, 100000, 2):
    del d[i]
print(len(d), list(d)[:5], list(d)[-3:])
s = {}
for i in range(100000):
    k = f"key{i % 5000}"
    s[k] = s.get(k, 0) + i
print(len(s), s["key0"], s["key4999"])
inv = {v: k for k, v in d.items()}
print(len(inv), inv["99999"])
print(sum(d), sum(len(v) for v in d.values()))
