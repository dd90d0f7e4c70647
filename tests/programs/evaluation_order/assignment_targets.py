log = []
class Obj:
    def __setattr__(self, name, value):
        log.append(f"setattr {name}={value}")
        object.__setattr__(self, name, value)
class Seq:
    def __setitem__(self, k, v):
        log.append(f"setitem {k}={v}")
    def __getitem__(self, k):
        log.append(f"getitem {k}")
        return 10
def val(name, v):
    log.append(name)
    return v
o = Obj()
s = Seq()
o.a, s[val("idx", 0)] = val("rhs1", 1), val("rhs2", 2)
print(log)
log.clear()
s[val("k", 5)] += val("inc", 1)
print(log)
log.clear()
o.b = s[val("i", 1)] = val("value", 7)
print(log)
log.clear()
def target():
    log.append("target()")
    return s
target()[val("key", "x")] = val("rhs", "y")
print(log)
