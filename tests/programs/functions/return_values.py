def none_ret():
    return
def implicit():
    x = 1
def multi():
    return 1, "two", [3]
def early(n):
    for i in range(n):
        if i == 3:
            return i
    return -1
print(none_ret(), implicit(), multi(), early(10), early(2))
a, b, c = multi()
print(a, b, c)
def in_try():
    try:
        return "try"
    finally:
        print("finally runs before return completes")
print(in_try())
