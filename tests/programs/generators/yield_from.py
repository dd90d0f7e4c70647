def inner():
    yield 1
    yield 2
    return "inner result"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield 3
print(list(outer()))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4, []]], 5], 6])))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", range(2), [None])))
def deleg():
    yield from range(3)
    yield from ()
print(list(deleg()))
