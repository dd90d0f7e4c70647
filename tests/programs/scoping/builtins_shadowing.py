print(len("abc"), max(1, 2))
def use_local_max():
    max = lambda *a: "local max"
    return max(1, 2)
print(use_local_max(), max(1, 2))
list = lambda *a: "not a list"
print(list(), [1, 2])
del list
print(list("ab"))
import builtins
print(builtins.len("xyz"), builtins.max is max)
def make_print():
    print = lambda *a: "shadowed print"
    return print("x")
print(make_print())
class K:
    str = "class attr str"
    def m(self):
        return str(5)
print(K().m(), K.str)
