def f(n):
    return [x + n for x in range(n)]
