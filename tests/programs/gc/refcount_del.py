class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
def scope():
    r = R(1)
    print("in scope")
scope()
print("after scope")
x = R(2)
x = R(3)
print("rebound")
l = [R(4), R(5)]
l.pop()
print("popped")
l.clear()
print("cleared")
d = {"k": R(6)}
d["k"] = None
print("replaced")
del x
print("end")
