d = {}
for round_ in range(5):
    for i in range(20000):
        d[(round_, i)] = i
    for i in range(0, 20000, 2):
        del d[(round_, i)]
print(len(d), sum(d.values()))
s = set()
for i in range(100000):
    s.add(i * 7919 % 100003)
print(len(s), min(s), max(s))
for i in range(50000):
    s.discard(i)
print(len(s))
