x = [0, 1, 2]
i = 0
i, x[i] = 1, 5
print(i, x)
a = b = c = 7
print(a, b, c)
a, b = b, a + b
print(a, b)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
d = {}
d["k"], d["j"] = 1, 2
print(d)
class O: pass
o = O()
o.a, o.b = "A", "B"
print(o.a, o.b)
(p, q), [r, s] = "pq", (1, 2)
print(p, q, r, s)
