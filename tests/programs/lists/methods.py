l = [3, 1, 4]
l.append(1); print(l)
l.extend([5, 9]); print(l)
l.insert(0, 2); print(l)
l.insert(100, 6); print(l)
l.insert(-1, 7); print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1); print(l)
print(l.index(4), l.count(1), l.count(42))
l.reverse(); print(l)
c = l.copy(); c.append(0); print(l, c)
l.clear(); print(l, len(l))
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(2)
except ValueError as e:
    print("ValueError:", e)
try:
    [1].index(2)
except ValueError as e:
    print("ValueError:", e)
