counter = 0
def incr(n=1):
    global counter
    counter += n
    return counter
for _ in range(5):
    incr()
print(counter, incr(10))
def define_new():
    global NEW_NAME
    NEW_NAME = [1, 2]
define_new()
NEW_NAME.append(3)
print(NEW_NAME)
def read_only():
    return counter * 2
print(read_only())
print(sorted(k for k in globals() if not k.startswith("__")))
