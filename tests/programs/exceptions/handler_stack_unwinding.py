log = []
def a():
    try:
        b()
    finally:
        log.append("a-finally")
def b():
    try:
        c()
    except KeyError:
        log.append("b-never")
    finally:
        log.append("b-finally")
def c():
    log.append("c-raises")
    raise ValueError("from c")
try:
    a()
except ValueError as e:
    log.append("top caught " + str(e))
print(log)
def depth(n):
    if n == 0:
        raise RuntimeError("bottom")
    try:
        depth(n - 1)
    finally:
        log.append(n)
log.clear()
try:
    depth(5)
except RuntimeError:
    pass
print(log)
