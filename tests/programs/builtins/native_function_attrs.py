# __module__, __qualname__, __objclass__ and reprs of native functions and
# method descriptors (CPython's tp_name in the reprs).
import math
import io

print(len.__module__, abs.__module__, math.sqrt.__module__)
print([].append.__module__, dict.fromkeys.__module__, dict.__new__.__module__)
for f in (len, [].append, dict.fromkeys, dict.__new__, dict.get, int.__add__, (1).__add__, str.join):
    print(f.__name__, f.__qualname__)
print(dict.get.__objclass__, int.__add__.__objclass__)
print(repr(dict.get), repr(int.__add__), repr(dict.__dict__['keys']))
print(repr(io.BytesIO.read))
print(io.BytesIO().read.__qualname__)
for descr, name in ((dict.get, 'method_descriptor'), (int.__add__, 'wrapper_descriptor'), ((1).__add__, 'method-wrapper')):
    try:
        descr.__module__
    except AttributeError as e:
        print(name, 'AttributeError', e)


class L(list):
    pass


print(L().append.__qualname__, L.append.__qualname__)
