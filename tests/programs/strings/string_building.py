parts = []
for i in range(20):
    parts.append(f"{i:02d}")
print(",".join(parts))
s = ""
for i in range(5):
    s = s + chr(ord("a") + i) * i
print(s)
table = "\n".join(f"{k:<5}{v:>5}" for k, v in [("a", 1), ("bb", 22), ("ccc", 333)])
print(table)
print("".join(map(str, range(10))))
print(" ".join(w.capitalize() for w in "the end of it".split()))
