class ReturnsValue:
    def __init__(self):
        return 5
try:
    ReturnsValue()
except TypeError as e:
    print("TypeError:", e)
class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print("TypeError:", e)
class NewOnly:
    def __new__(cls, *args):
        obj = super().__new__(cls)
        obj.args = args
        return obj
print(NewOnly(1, 2).args)
class NewReturnsOther:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never called")
print(NewReturnsOther())
class Base:
    def __init__(self, x):
        self.x = x
class Derived(Base):
    pass
print(Derived(3).x)
try:
    Derived()
except TypeError as e:
    print("TypeError:", e)
