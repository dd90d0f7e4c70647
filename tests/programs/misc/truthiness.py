vals = [0, 1, -1, 0.0, 0.1, "", " ", "0", [], [0], (), (0,), {}, {0: 0}, set(), None, True, False, range(0), range(1), b"", b"\x00"]
for v in vals:
    print(repr(v), bool(v), "T" if v else "F")
class A:
    pass
print(bool(A()))
class B:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
print(bool(B()))
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
print(0 or None or "last", 1 and [] and "x", "a" and "b", not not "x")
