import sys
def nested(n):
    if n:
        yield from nested(n - 1)
    yield n
print(sum(nested(300)), len(list(nested(300))))
def unbounded():
    yield from unbounded()
try:
    list(unbounded())
except RecursionError:
    print("RecursionError from yield from")
def deep_list(n):
    return [deep_list(n - 1)] if n else []
x = deep_list(200)
d = 0
while x:
    x = x[0]
    d += 1
print(d, sys.getrecursionlimit())
