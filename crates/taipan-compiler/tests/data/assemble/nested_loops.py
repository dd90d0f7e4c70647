def f(n):
    for i in range(n):
        j = 0
        while j < i:
            j += 1
    return n
