# sys._getframe: depths, errors, identity and the f_back chain.
import sys


def names_up(frame):
    out = []
    while frame is not None:
        out.append(frame.f_code.co_name)
        frame = frame.f_back
    return out


def inner():
    print("inner sees:", names_up(sys._getframe()))
    print("depth 1:", sys._getframe(1).f_code.co_name)
    print("depth 2:", sys._getframe(2).f_code.co_name)
    print("same object:", sys._getframe() is sys._getframe())
    print("negative depth is 0:", sys._getframe(-3) is sys._getframe())
    print("f_back identity:", sys._getframe().f_back is sys._getframe(1))
    return sys._getframe()


def middle():
    return inner()


f = middle()
print("finished frame name:", f.f_code.co_name)
print("finished frame back:", f.f_back.f_code.co_name)
print("back of back is this module:", f.f_back.f_back is sys._getframe())
print("module frame back:", sys._getframe().f_back)
print("module globals:", sys._getframe().f_globals is globals())
import builtins
print("builtins:", sys._getframe().f_builtins is builtins.__dict__)

for bad in (1, 10, 1000):
    try:
        sys._getframe(bad)
    except ValueError as e:
        print(bad, type(e).__name__, e)

for bad in ("1", 1.5, None):
    try:
        sys._getframe(bad)
    except TypeError as e:
        print(type(e).__name__, e)


class Meta:
    where = sys._getframe().f_code.co_name
    caller = sys._getframe(1).f_code.co_name


print("class body:", Meta.where, Meta.caller)


def recurse(n):
    if n == 0:
        return len(names_up(sys._getframe()))
    return recurse(n - 1)


print("recursion depth seen:", recurse(50))
print("lambda:", (lambda: sys._getframe().f_code.co_name)())
print("comprehension:", [sys._getframe().f_code.co_name for _ in range(1)])


def via_native():
    # a frame reached through a native call (sorted's key) still links up
    return sorted([3, 1, 2], key=lambda x: (x, sys._getframe(1).f_code.co_name))


print(via_native())
