log = []
def src(name, items):
    log.append("iter " + name)
    return items
g = (x for x in src("outer", [1, 2]) for y in src("inner", "ab"))
log.append("created")
print(next(g), log)
log.clear()
def default(v):
    log.append("default evaluated")
    return v
def f(a=default(1)):
    return a
log.append("defined")
f(); f()
print(log)
log.clear()
class K:
    log.append("class body runs at definition")
    attr = default(2)
print(log)
def deco(fn):
    log.append("decorator applied to " + fn.__name__)
    return fn
log.clear()
@deco
def decorated():
    log.append("body")
log.append("before call")
decorated()
print(log)
