def g():
    yield 1
    return 42
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value", e.value, e.args)
def h():
    return "early"
    yield
try:
    next(h())
except StopIteration as e:
    print("value", e.value)
def k():
    yield from g()
    yield from h()
print(list(k()))
def stop_inside():
    yield 1
    raise StopIteration("bad")
try:
    list(stop_inside())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
