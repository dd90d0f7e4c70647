print(len([1, 2]))
print(abs("x"))
