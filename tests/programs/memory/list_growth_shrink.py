l = []
for i in range(200000):
    l.append(i)
for i in range(150000):
    l.pop()
print(len(l), l[-1], sum(l))
l2 = [None] * 100000
for i in range(0, 100000, 1000):
    l2[i] = i
print(l2.count(None), sum(x for x in l2 if x))
l3 = list(range(100000))
l3[10:99990] = []
print(l3)
chunks = [list(range(i, i + 10)) for i in range(0, 100000, 10)]
print(len(chunks), chunks[-1], sum(map(len, chunks)))
