class Record:
    fields = ()
    def __init__(self, *values):
        if len(values) != len(self.fields):
            raise TypeError(f"{type(self).__name__} expects {len(self.fields)} values, got {len(values)}")
        for f, v in zip(self.fields, values):
            setattr(self, f, v)
    def __repr__(self):
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.fields)
        return f"{type(self).__name__}({inner})"
    def __eq__(self, other):
        return type(self) is type(other) and all(getattr(self, f) == getattr(other, f) for f in self.fields)
    def replace(self, **changes):
        return type(self)(*(changes.get(f, getattr(self, f)) for f in self.fields))
class Person(Record):
    fields = ("name", "age")
p = Person("ann", 30)
print(p, p == Person("ann", 30), p.replace(age=31), p)
try:
    Person("x")
except TypeError as e:
    print("TypeError:", e)
people = [Person("c", 3), Person("a", 1), Person("b", 2)]
print(sorted(people, key=lambda r: r.age))
