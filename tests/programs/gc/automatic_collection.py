# Allocation counts trigger collections on their own (thresholds 700, 10,
# 10); gc.disable() stops that, gc.enable() brings it back.
import gc
gc.collect()
print(gc.get_threshold())
deleted = 0
class Node:
    def __del__(self):
        global deleted
        deleted += 1
def make(n):
    for _ in range(n):
        a, b = Node(), Node()
        a.o, b.o = b, a
gc.disable()
make(5000)
print("disabled:", deleted)
gc.collect()
print("after manual collect:", deleted)
deleted = 0
gc.enable()
make(5000)
print("enabled, collected automatically:", deleted > 0)
gc.collect()
print("all:", deleted)
c0, c1, c2 = gc.get_count()
print(c0 >= 0 and c1 >= 0 and c2 >= 0)
gc.set_threshold(0)
deleted = 0
make(1000)
print("threshold 0 disables automatic collection:", deleted)
gc.set_threshold(700, 10, 10)
gc.collect()
print(deleted)
