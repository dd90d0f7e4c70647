# OSError: errno subclasses, attributes, args and str.
cases = [
    (), ("msg",), (2, "No such file"), (2, "No such file", "name"), (13, "Denied", "f", None, "g"),
    (17, "Exists"), (20, "NotDir"), (21, "IsDir"), (1, "Perm"), (3, "Srch"), (4, "Intr"),
    (11, "Again"), (32, "Pipe"), (104, "Reset"), (111, "Refused"), (110, "Timeout"),
    (10, "Child"), (999, "Other"), (2, "a", "b", "c", "d", "e"),
]
for args in cases:
    e = OSError(*args)
    print(type(e).__name__, e.args, repr(str(e)), e.errno, e.strerror, e.filename, e.filename2)
e = FileNotFoundError(2, "x")
print(type(e).__name__, str(e))
e = PermissionError(2, "x")
print(type(e).__name__, str(e))
print(IOError is OSError, EnvironmentError is OSError)


class MyError(OSError):
    pass


print(type(MyError(2, "x")).__name__)
try:
    raise OSError(2, "No such file or directory", "missing.txt")
except FileNotFoundError as err:
    print("caught", err)
