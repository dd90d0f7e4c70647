class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["created_by"] = "Meta"
        cls = super().__new__(mcls, name, bases, ns)
        print("Meta.__new__", name, sorted(k for k in ns if not k.startswith("__")))
        return cls
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)
class Base(metaclass=Meta):
    def __init__(self, v=0):
        self.v = v
class Child(Base):
    x = 1
c = Child(5)
print(c.v, Child.created_by, type(Child).__name__, isinstance(Child, Meta))
class Counted(type):
    count = 0
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Counted.count += 1
class X(metaclass=Counted): pass
class Y(X): pass
print(Counted.count, type(Y) is Counted)
