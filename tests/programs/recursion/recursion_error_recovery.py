def f(n):
    return f(n + 1)
for attempt in range(3):
    try:
        f(0)
    except RecursionError as e:
        print("attempt", attempt, type(e).__name__)
def g(n):
    try:
        return g(n + 1)
    except RecursionError:
        return n
depth = g(0)
print(depth > 500, depth < 1100)
def count(n):
    return 0 if n == 0 else 1 + count(n - 1)
print(count(800))
