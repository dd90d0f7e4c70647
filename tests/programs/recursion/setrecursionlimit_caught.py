import sys
print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())
depth = 0
def probe():
    global depth
    depth += 1
    probe()
try:
    probe()
except RecursionError:
    print("caught at depth < 200:", depth < 200, depth > 150)
sys.setrecursionlimit(1000)
def ok(n):
    return 0 if n == 0 else 1 + ok(n - 1)
print(ok(900))
