LIMIT = 3
def under(n):
    return n < LIMIT
print(under(1), under(5))
