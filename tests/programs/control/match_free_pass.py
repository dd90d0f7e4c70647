def nothing():
    pass
class Empty:
    pass
print(nothing(), Empty.__name__)
for _ in range(2):
    pass
if True:
    pass
print(...)
x = ...
print(x is Ellipsis)
