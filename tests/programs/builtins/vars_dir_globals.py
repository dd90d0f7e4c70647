x = 1
def f():
    y = 2
    return sorted(locals())
print(f())
print("x" in globals(), "f" in globals(), globals()["x"])
class C:
    a = 1
    def m(self):
        pass
print(sorted(n for n in dir(C) if not n.startswith("__")))
o = C()
o.z = 3
print(vars(o), sorted(n for n in dir(o) if not n.startswith("__")))
g = globals()
g["made_here"] = 42
print(made_here)
try:
    vars(1)
except TypeError as e:
    print("TypeError:", e)
