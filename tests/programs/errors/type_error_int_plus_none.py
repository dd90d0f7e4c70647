def total(items):
    s = 0
    for i in items:
        s += i
    return s
print(total([1, 2]))
print(total([1, None]))
