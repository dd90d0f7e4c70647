print("before")
x = 0
print(10 / x)
print("never")
