class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(b, C), isinstance(b, (C, A)), isinstance(b, ()))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)), issubclass(A, A), issubclass(B, object))
print(isinstance(1, int), isinstance(1, float), isinstance(1.0, (int, float)), isinstance(True, int))
print(isinstance([], list), isinstance((), list), isinstance({}, dict), isinstance("", (bytes, str)))
print(isinstance(A, type), isinstance(A(), type), isinstance(type, type), isinstance(type, object))
print(isinstance(None, object), isinstance(len, object), issubclass(type, object), issubclass(object, type))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError:", e)
print(isinstance(b, (int, (str, (A,)))))
