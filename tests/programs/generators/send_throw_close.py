def acc():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
    return total
g = acc()
print(next(g))
print(g.send(5), g.send(10))
try:
    g.send(None)
except StopIteration as e:
    print("StopIteration value", e.value)
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", e)
            yield "recovered"
g = catcher()
print(next(g))
print(g.throw(ValueError("boom")))
print(next(g))
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = closer()
print(next(g))
g.close()
print("closed")
g.close()
def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
g = ignore_exit(); next(g); g.close()
def bad_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2
g = bad_exit(); next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
g = acc()
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)
