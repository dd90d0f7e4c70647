log = []
def v(name, value):
    log.append(name)
    return value
print(v("a", 1) < v("b", 2) < v("c", 0) < v("d", 5), log)
log.clear()
print(v("a", 1) == v("b", 1) != v("c", 2), log)
log.clear()
print(v("x", 0) and v("y", 1) or v("z", 2), log)
log.clear()
print(v("p", []) or v("q", {}) or v("r", ()), log)
log.clear()
print(v("cond", True) and v("then", "T") if v("test", False) else v("else", "E"), log)
log.clear()
r = v("in-left", 2) in v("in-right", [1, 2])
print(r, log)
