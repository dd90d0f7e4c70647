value = "module"
def a():
    value = "a-local"
    def b():
        global value
        value = "set by b"
    b()
    return value
print(a(), value)
def c():
    def d():
        return value
    return d()
print(c())
def e():
    global new_global
    new_global = 1
    def f():
        return new_global + 1
    return f()
print(e(), new_global)
