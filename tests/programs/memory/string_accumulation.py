parts = []
for i in range(100000):
    parts.append(str(i))
s = "".join(parts)
print(len(s), s[:10], s[-10:], s.count("9"))
acc = ""
for i in range(20000):
    acc += "x"
print(len(acc))
lines = "\n".join(f"row {i}: {i * i}" for i in range(50000))
print(len(lines), lines.count("\n"), lines.splitlines()[-1])
words = lines.split()
print(len(words), words[:4])
