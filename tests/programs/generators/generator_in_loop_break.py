def g():
    try:
        for i in range(10):
            yield i
    finally:
        print("generator finalised")
for x in g():
    if x == 2:
        break
print("after break")
gen = g()
print(next(gen), next(gen))
del gen
print("after del")
def nums():
    yield from range(3)
it = nums()
for a in it:
    for b in it:
        print(a, b)
