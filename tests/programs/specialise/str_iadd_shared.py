# In-place `s += t` must never change a string another name still sees.
def build(n):
    s = ""
    snapshots = []
    for i in range(n):
        s += str(i % 10)
        if i % 7 == 0:
            snapshots.append(s)      # a second reference: s must be copied next time
    return s, snapshots

s, snaps = build(50)
print(s)
print(snaps[:4], len(snaps))

def alias():
    a = "abc"
    a += "d"                         # a is unshared here
    b = a
    a += "e"                         # b still references the old string
    print(a, b, a is b)
    c = a
    c += "!"
    print(a, c)

alias()

def same_operand():
    s = "xy"
    s += s
    s += s
    print(s)

same_operand()

def not_store_back():
    s = "base"
    t = s + "more"                   # result stored elsewhere
    print(s, t)
    s = s + "+"                      # `s = s + x` form
    print(s)

not_store_back()

def widening():
    s = "abc"
    s += "é"                         # Latin-1
    s += "€"                         # UCS-2
    s += "😀"                        # UCS-4
    s += "z"
    print(s, len(s), [hex(ord(c)) for c in s])

widening()

def hashed_then_appended():
    s = "key" + str(1)
    d = {s: 1}
    del d
    h1 = hash(s)
    s += "x"
    print(s, hash(s) == hash("key1x"), h1 == hash("key1"))

hashed_then_appended()

class Holder:
    pass

def attr_and_list():
    h = Holder()
    h.s = "q"
    s = h.s
    s += "r"
    print(h.s, s)
    lst = ["p"]
    s = lst[0]
    s += "z"
    print(lst, s)

attr_and_list()

# Module level: STORE_NAME into the globals dict.
g = ""
for i in range(20):
    g += chr(65 + i)
keep = g
g += "!"
print(g, keep)

def in_closure():
    s = "c"
    def inner():
        return s
    for i in range(3):
        s += str(i)
    return inner()

print(in_closure())

class StrSub(str):
    pass

def subclass():
    s = StrSub("sub")
    s += "x"
    print(s, type(s).__name__)

subclass()
