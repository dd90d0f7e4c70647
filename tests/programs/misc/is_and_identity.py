a = None
print(a is None, a is not None)
x = [1]
y = [1]
print(x == y, x is y, x is x)
print(True is True, type(1) is int)
small1 = 5
small2 = 2 + 3
print(small1 is small2)
s = "hello"
t = s
print(s is t)
print(NotImplemented is NotImplemented, ... is Ellipsis)
