class Heap:
    def __init__(self):
        self.a = []
    def push(self, v):
        a = self.a
        a.append(v)
        i = len(a) - 1
        while i and a[(i - 1) // 2] > a[i]:
            p = (i - 1) // 2
            a[p], a[i] = a[i], a[p]
            i = p
    def pop(self):
        a = self.a
        a[0], a[-1] = a[-1], a[0]
        v = a.pop()
        i = 0
        while True:
            l, r, m = 2 * i + 1, 2 * i + 2, i
            if l < len(a) and a[l] < a[m]:
                m = l
            if r < len(a) and a[r] < a[m]:
                m = r
            if m == i:
                return v
            a[m], a[i] = a[i], a[m]
            i = m
h = Heap()
for v in [5, 3, 8, 1, 9, 2, 7, (0, "tuple")[0]]:
    h.push(v)
print([h.pop() for _ in range(8)])
h2 = Heap()
for item in [(2, "b"), (1, "z"), (2, "a"), (0, "q")]:
    h2.push(item)
print([h2.pop() for _ in range(4)])
