g = 0
def bump():
    global g
    g += 1
bump(); bump()
print(g)
def make_global():
    global created
    created = "made"
make_global()
print(created)
def outer():
    v = "outer"
    def inner():
        nonlocal v
        v = "changed"
    inner()
    return v
print(outer())
def shadow():
    g = "local"
    return g
print(shadow(), g)
def read_before_assign():
    try:
        print(g)
        g = 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
read_before_assign()
def nested_nonlocal():
    a = 0
    def l1():
        def l2():
            nonlocal a
            a += 10
        l2()
    l1()
    return a
print(nested_nonlocal())
