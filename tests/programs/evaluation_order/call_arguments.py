log = []
def v(name, value=None):
    log.append(name)
    return name if value is None else value
def f(*args, **kwargs):
    return args, kwargs
f(v("a"), v("b"), *[v("c")], k=v("d"), **{v("e"): v("f")})
print(log)
log.clear()
v("callee", f)(v("x"), y=v("y"))
print(log)
log.clear()
d = {v("k1"): v("v1"), v("k2"): v("v2")}
print(log, d)
log.clear()
l = [v("l1"), v("l2")] + [v("l3")]
print(log)
log.clear()
x = v("left", 1) + v("right", 2) * v("mul", 3)
print(log, x)
log.clear()
y = v("base", 2) ** v("exp", 3) ** v("exp2", 2)
print(log, y)
