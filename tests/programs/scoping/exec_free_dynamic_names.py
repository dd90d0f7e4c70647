g = globals()
for i in range(3):
    g[f"var{i}"] = i * i
print(var0, var1, var2)
def f():
    return sorted(k for k in globals() if k.startswith("var"))
print(f())
del g["var1"]
try:
    print(var1)
except NameError as e:
    print("NameError:", e)
class C:
    locals()["injected"] = "via locals()"
print(getattr(C, "injected", "absent"))
