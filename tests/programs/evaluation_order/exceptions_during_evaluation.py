log = []
def v(name, value):
    log.append(name)
    return value
def boom(name):
    log.append(name)
    raise ValueError(name)
try:
    [v("a", 1), boom("b"), v("c", 3)]
except ValueError:
    pass
print(log)
log.clear()
d = {}
try:
    d[v("key", "k")] = boom("value")
except ValueError:
    pass
print(log, d)
log.clear()
x = 0
try:
    x = v("first", 1) + boom("second")
except ValueError:
    pass
print(log, x)
log.clear()
try:
    print(v("arg1", 1), boom("arg2"))
except ValueError:
    print("nothing printed before", log)
