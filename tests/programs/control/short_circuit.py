log = []
def t(v):
    log.append(v)
    return v
print(t(0) and t(1), log)
log.clear()
print(t(1) and t(2) and t(0) and t(3), log)
log.clear()
print(t(0) or t("") or t("x") or t("y"), log)
log.clear()
print(t(1) if t(0) else t(2), log)
log.clear()
print(not t(0) or t(5), log)
log.clear()
print(all(t(v) for v in [1, 0, 1]), log)
log.clear()
print(any(t(v) for v in [0, 2, 3]), log)
