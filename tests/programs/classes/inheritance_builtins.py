class Stack(list):
    def push(self, v):
        self.append(v)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2)
print(s, s.peek(), len(s), isinstance(s, list), s + [3], type(s + [3]).__name__)
class CountingDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10)
d = CountingDict()
d["a"] = 1
d.update(b=2)
print(d)
class MyInt(int):
    def __add__(self, o):
        return MyInt(int(self) + int(o) + 1000)
    def __repr__(self):
        return f"MyInt({int(self)})"
m = MyInt(5)
print(m + 1, 1 + m, m * 2, type(m * 2).__name__, m == 5, hash(m) == hash(5))
class Name(str):
    def __new__(cls, v):
        return super().__new__(cls, v.strip().title())
print(Name("  ada lovelace "), Name("x") == "X", isinstance(Name("y"), str))
class E(Exception):
    pass
class F(E, ValueError):
    pass
try:
    raise F("multi")
except ValueError as e:
    print("caught as ValueError:", type(e).__name__, [c.__name__ for c in F.__mro__])
