# FOR_ITER / BINARY_SUBSCR / STORE_SUBSCR / UNPACK_SEQUENCE against mutation.
def walk(lst):
    out = []
    for x in lst:
        out.append(x)
        if x == 2:
            lst.append(99)           # list grows during iteration
        if x == 3:
            lst.pop(0)
    return out

print(walk([1, 2, 3, 4, 5]))

def shrink(lst):
    seen = []
    for x in lst:
        seen.append(x)
        lst.clear()
    return seen, lst

print(shrink([1, 2, 3]))

def ranges(n):
    total = 0
    for i in range(n):
        total += i
    for i in range(n, 0, -3):
        total -= i
    for i in range(2**62, 2**62 + 3):
        total += i % 7
    return total

for k in range(5):
    ranges(100)
print(ranges(1000), ranges(0))

def tuple_iter(t):
    return [x * 2 for x in t]

print(tuple_iter((1, 2, 3)), tuple_iter(range(3)), tuple_iter("ab"))

def subscr(seq, i):
    return seq[i]

for i in range(2000):
    subscr([1, 2, 3], 1)
    subscr((1, 2, 3), 2)
    subscr({"a": 1}, "a")
print(subscr([1, 2, 3], -1), subscr((4, 5), 0), subscr({"k": "v"}, "k"), subscr("str", 1))
print(subscr([1, 2, 3], True), subscr({1: "one"}, 1.0), subscr(range(10), 3))
for bad in ([1], 5), ((1,), -2), ({}, "x"), ([1], "i"):
    try:
        subscr(*bad)
    except (IndexError, KeyError, TypeError) as e:
        print(type(e).__name__, e)

class Missing(dict):
    def __missing__(self, k):
        return "missing " + k

print(subscr(Missing(), "q"))

def store(seq, i, v):
    seq[i] = v
    return seq

for i in range(2000):
    store([0, 0], 1, i)
    store({}, "k", i)
print(store([0, 0], -1, "x"), store({}, 1, 2), store([[1]], 0, [2]))
try:
    store([0], 3, 1)
except IndexError as e:
    print("IndexError:", e)

def unpack(seq):
    a, b = seq
    return b, a

for i in range(2000):
    unpack((1, 2))
    unpack([3, 4])
print(unpack((1, 2)), unpack([3, 4]), unpack("xy"), unpack({5: 0, 6: 0}))
for bad in (1, 2, 3), [1], 5:
    try:
        unpack(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
