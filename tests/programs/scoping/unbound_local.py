count = 0
def bad():
    count += 1
try:
    bad()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def cond(flag):
    if flag:
        v = 1
    return v
print(cond(True))
try:
    cond(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def deleted():
    x = 1
    del x
    return x
try:
    deleted()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def free_unbound():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    z = 1
    return inner()
print(free_unbound())
