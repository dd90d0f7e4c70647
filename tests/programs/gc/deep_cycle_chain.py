# A ring of 100000 instances is reclaimed by one collection, without
# recursion trouble, and each __del__ runs exactly once.
import gc
gc.collect()
deleted = 0
class Node:
    def __init__(self):
        self.next = None
    def __del__(self):
        global deleted
        deleted += 1
gc.disable()
first = Node()
cur = first
for _ in range(99999):
    n = Node()
    cur.next = n
    cur = n
cur.next = first
del first, cur, n
print("before:", deleted)
found = gc.collect()
print("found at least 100000:", found >= 100000)
print("after:", deleted)
print("again:", gc.collect())
# A deep nest of lists in a cycle.
outer = []
x = outer
for _ in range(50000):
    y = [x]
    x = y
outer.append(x)
del outer, x, y
print("lists:", gc.collect() >= 50000)
gc.enable()
