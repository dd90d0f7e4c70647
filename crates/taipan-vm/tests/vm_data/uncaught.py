def f(x):
    return x[1] + 1
print("before")
f([1, None])
