t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t.count(1), t.index(4), t.index(1, 2), len(t), sum(t), sorted(t), tuple(sorted(t)))
try:
    t.index(7)
except ValueError as e:
    print("ValueError:", e)
print(list(t)[::2], tuple("abc"), tuple({"k": 1}), tuple(range(3)), tuple(x for x in "xy"))
print(t[2:5], t[-2:], t[::-3], t[100:], t * 2 == t + t)
print(str(t), repr((1,)), repr(()), repr(((),)), str((None, True, "s", 1.0)))
