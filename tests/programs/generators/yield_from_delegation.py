def inner():
    try:
        x = yield "inner-1"
        print("inner got", x)
        yield "inner-2"
    except KeyError as e:
        print("inner caught", repr(e))
        yield "inner-after-throw"
    finally:
        print("inner finally")
    return "inner-done"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield "outer-end"
g = outer()
print(next(g))
print(g.send("sent"))
print(g.throw(KeyError("k")))
print(next(g))
try:
    next(g)
except StopIteration:
    print("stop")
g = outer()
next(g)
g.close()
print("closed outer")
def yf_iter():
    result = yield from [1, 2]
    print("list delegation result", result)
print(list(yf_iter()))
