# Deep Python recursion, then the limit raised and lowered with
# sys.setrecursionlimit: the reachable depth follows the limit exactly.
import sys

def depth(n=0):
    try:
        return depth(n + 1)
    except RecursionError:
        return n

print(sys.getrecursionlimit(), depth())
for limit in (1500, 3000, 5000, 200, 1000):
    sys.setrecursionlimit(limit)
    print(limit, depth())

def through_call(n=0):
    try:
        return through_call.__call__(n + 1)
    except RecursionError as e:
        return n, str(e)

def through_builtin(n=0):
    try:
        return min(through_builtin(n + 1), 0) if n >= 0 else 0
    except RecursionError as e:
        return n

print(through_call())
print(through_builtin())
sys.setrecursionlimit(3000)
print(through_call())
print(through_builtin())

def runaway(n):
    return runaway(n + 1)

try:
    sys.setrecursionlimit(10)
    runaway(0)
except RecursionError as e:
    print("caught:", e)
sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
runaway(0)
