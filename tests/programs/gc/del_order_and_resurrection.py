import gc
order = []
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        order.append(self.name)
def make():
    a = T("a")
    b = T("b")
    return None
make()
print(sorted(order))
keep = []
class Phoenix:
    def __del__(self):
        print("Phoenix.__del__ runs once")
        keep.append(self)
p = Phoenix()
del p
gc.collect()
print(len(keep))
keep.clear()
gc.collect()
print("end")
