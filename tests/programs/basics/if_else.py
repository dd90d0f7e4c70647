x = 3
if x > 2:
    print("big")
else:
    print("small")
if x == 0:
    print("zero")
elif x == 3:
    print("three")
