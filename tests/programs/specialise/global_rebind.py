# LOAD_GLOBAL caches must notice rebinding, deletion and builtin shadowing.
FACTOR = 2

def scale(x):
    return x * FACTOR

total = 0
for i in range(2000):
    total += scale(i)
print(total)

FACTOR = 3                           # rebound after the function ran hot
print(scale(10))

def use_len(seq):
    return len(seq)

for i in range(2000):
    use_len([1, 2, 3])
print(use_len([1, 2, 3]))

def len(seq):                        # a global now shadows the builtin
    return -1

print(use_len([1, 2, 3]))
del len                              # and the builtin is visible again
print(use_len([1, 2, 3]))

import builtins

def use_abs(x):
    return abs(x)

for i in range(2000):
    use_abs(-i)
builtins.abs = lambda x: "patched"   # the builtins dict itself changes
print(use_abs(-5))
del builtins.abs
try:
    use_abs(-5)
except NameError as e:
    print("NameError:", e)

def use_missing():
    return MISSING

for i in range(2):
    try:
        use_missing()
    except NameError as e:
        print("NameError:", e)
MISSING = "now defined"
print(use_missing())

def many_globals():
    return A1 + A2 + A3

A1, A2, A3 = 1, 2, 3
for i in range(1500):
    many_globals()
for k in range(50):                  # grow the globals dict (rebuilds the table)
    globals()["extra%d" % k] = k
print(many_globals())
A2 = 20
print(many_globals())
