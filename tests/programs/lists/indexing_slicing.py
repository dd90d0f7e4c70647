l = list(range(10))
print(l[0], l[-1], l[2:5], l[:3], l[7:], l[::3], l[::-1], l[-3:-1], l[8:2:-2])
print(l[20:], l[-20:2], l[5:5])
try:
    l[10]
except IndexError as e:
    print("IndexError:", e)
l[0] = "zero"; l[-1] = "nine"
print(l)
m = [[0] * 3 for _ in range(3)]
m[1][2] = 5
print(m)
bad = [[0] * 2] * 2
bad[0][0] = 1
print(bad)
