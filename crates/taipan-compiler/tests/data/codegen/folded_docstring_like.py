("a" + "b")
x = 1
def f():
    "a" "b" * 2
    -1
class C:
    "x" + "y"
