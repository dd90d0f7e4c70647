out = []
for i in range(4):
    try:
        if i == 1:
            raise ValueError(i)
        out.append(i)
    finally:
        continue
print(out)
def swallow_with_continue():
    n = 0
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            n += 1
            continue
    return n
print(swallow_with_continue())
def return_overridden_by_break():
    for i in range(3):
        try:
            return "from try"
        finally:
            break
    return "after loop"
print(return_overridden_by_break())
