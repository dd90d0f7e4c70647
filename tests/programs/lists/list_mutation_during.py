l = [1, 2, 3, 4, 5, 6]
for x in l[:]:
    if x % 2 == 0:
        l.remove(x)
print(l)
l = [1, 2, 3]
out = []
for x in l:
    out.append(x)
    if len(l) < 6:
        l.append(x * 10)
print(out, l)
l = list(range(10))
while l:
    v = l.pop()
    if v == 5:
        break
print(l)
l = [3, 1, 2]
l.sort(key=lambda v: -v)
print(l, l.sort(), l)
