def f():
    return "outer f"
class C:
    def f(self):
        return "method f, calls " + f()
    def g(self):
        return self.f()
print(C().f(), C().g())
class D:
    name = "D"
    def get(self):
        try:
            return name
        except NameError as e:
            return "NameError: " + str(e)
print(D().get())
def rec():
    return rec.__name__
alias = rec
del rec
try:
    alias()
except NameError as e:
    print("NameError:", e)
