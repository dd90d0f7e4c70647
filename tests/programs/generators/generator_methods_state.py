def g():
    x = yield 1
    print("got", x)
    y = yield x * 2
    print("got", y)
    return x + y
gen = g()
print(gen.send(None))
print(gen.send(5))
try:
    gen.send(7)
except StopIteration as e:
    print("returned", e.value)
try:
    next(gen)
except StopIteration as e:
    print("exhausted again", e.value)
def h():
    yield 1
gen = h()
gen.close()
print(list(gen))
gen = h()
try:
    gen.throw(KeyError("before start"))
except KeyError as e:
    print("thrown before start:", e)
print(list(gen))
def thrower():
    try:
        yield 1
    except ValueError:
        return "handled"
gen = thrower()
next(gen)
try:
    gen.throw(ValueError)
except StopIteration as e:
    print("throw returned", e.value)
