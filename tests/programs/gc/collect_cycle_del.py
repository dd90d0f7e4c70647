import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __del__(self):
        print("__del__", self.name)
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("before collect")
n = gc.collect()
print("collected something:", n > 0)
c = Node("c")
del c
print("after simple del")
print(gc.collect() >= 0)
