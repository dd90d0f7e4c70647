# Native functions that CPython declares METH_NOARGS or METH_O check their
# argument count (and refuse keywords) before running, with the qualified
# name in the message: methods, bound or unbound, and module functions.
import math


def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


show([].clear, 1)
show(list.clear, [], 1)
show([].append, x=1)
show([].append)
show([].append, 1, 2)
show(list.append, [], 1, 2)
show(list.append, [])
show({}.keys, 1)
show({}.popitem, 1)
show("".upper, 1)
show([].copy, 1)
show(set().clear, 1)
show(object().__reduce__, 1)
show([].reverse, 1)
show((1).bit_length, 1)
show((1.0).is_integer, 1)
show("".isdigit, 1)
show({}.clear, x=1)
show([].clear, x=1)
show([].pop, x=1)
show({}.get, x=1)
show(math.sqrt, x=1)
show(math.sqrt, 1, 2)
show(math.floor)
show(len, x=1)
show(len)
show(abs, 1, 2)
show(type.mro, int, 1)
show(divmod, x=1)
show([1, 2].count, 1)
show([3].index, 3)
