x = "global"
def outer():
    x = "enclosing"
    def inner():
        x = "local"
        return x
    def inner2():
        return x
    return inner(), inner2()
print(outer(), x)
def uses_builtin():
    return len("abc")
print(uses_builtin())
def shadow_builtin():
    len = lambda s: "shadowed"
    return len("x")
print(shadow_builtin(), len("x"))
len = lambda s: "global shadow"
print(len("x"))
del len
print(len("x"))
def late():
    return later_defined
later_defined = "found at call time"
print(late())
