l = list(range(100000))
print(len(l), sum(l), l[-1], l[50000])
sq = [x * x for x in l]
print(sum(sq) % 1000007, max(sq))
l2 = []
for i in range(100000):
    l2.append(i % 7)
print(l2.count(3), sorted(set(l2)))
l2.sort()
print(l2[0], l2[-1], l2[50000])
del l2[::2]
print(len(l2))
print(len([[]] * 100000), len([0] * 1000000))
