import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
class A:
    pass
l = []
for i in range(100):
    a = A()
    a.me = a
    l.append(a)
del a, l
print(gc.collect() >= 100)
print(type(gc.get_threshold()).__name__, len(gc.get_threshold()))
