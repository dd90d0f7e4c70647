l = []
cur = l
for _ in range(50):
    nxt = []
    cur.append(nxt)
    cur = nxt
print(str(l)[:30], len(str(l)))
d = {}
cur = d
for i in range(30):
    cur[i] = {}
    cur = cur[i]
print(str(d)[:40])
def depth(x):
    return 1 + max((depth(y) for y in x), default=0)
print(depth(l))
a = [1]
a.append(a)
print(a, a == a)
b = {}
b["self"] = b
print(b)
