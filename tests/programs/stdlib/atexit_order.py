# atexit: callbacks run after the main program, latest first, with their
# arguments; unregister removes every registration; a failing callback does
# not stop the others; register returns the function.
import atexit

def show(*args, **kwargs):
    print("show", args, sorted(kwargs.items()))

def fail():
    raise ValueError("boom")

def twice():
    print("twice (should not run)")

print(atexit.register(show, 1, 2, key="v") is show)
atexit.register(fail)
atexit.register(twice)
atexit.register(twice)
atexit.unregister(twice)
atexit.register(print, "registered last, runs first")

def registers_more():
    print("registers_more")

atexit.register(registers_more)
for bad in (5, None):
    try:
        atexit.register(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    atexit.register()
except TypeError as e:
    print("TypeError:", e)
print("end of main")
