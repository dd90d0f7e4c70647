data = ["b10", "a2", "a10", "b1", "a1"]
def natural(s):
    return (s[0], int(s[1:]))
print(sorted(data), sorted(data, key=natural))
matrix = [[3, 1], [1, 2], [3, 0], [1, 1]]
matrix.sort(key=lambda r: r[0])
print(matrix)
matrix.sort(key=lambda r: (r[0], r[1]))
print(matrix)
words = ["pear", "Fig", "apple", "date", "Banana"]
words.sort(key=lambda w: (len(w), w.lower()))
print(words)
class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v > o.v
print([r.v for r in sorted([Rev(1), Rev(3), Rev(2)])])
big = [(i * 7919) % 1000 for i in range(1000)]
big.sort()
print(big[:5], big[-5:], big == sorted(big))
try:
    [3, 1, None].sort()
except TypeError as e:
    print("TypeError:", e)
