def g():
    yield 1
    raise ValueError("from generator")
it = g()
print(next(it))
try:
    next(it)
except ValueError as e:
    print("caught", e)
print(next(it, "after error: exhausted"))
def guarded():
    for i in range(3):
        try:
            yield 10 // (1 - i)
        except GeneratorExit:
            print("exit")
            raise
try:
    print(list(guarded()))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("finally in gen")
print(list(gen_with_finally()))
def running():
    g = running_gen()
    return next(g)
def running_gen():
    yield gen_ref.gi_running
gen_ref = running_gen()
print(next(gen_ref))
def self_next():
    yield next(me)
me = self_next()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
