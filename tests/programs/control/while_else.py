i = 0
while i < 5:
    i += 1
else:
    print("while finished normally", i)
i = 0
while True:
    i += 1
    if i == 3:
        break
else:
    print("never printed")
print("broke at", i)
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    print("even", n)
while False:
    pass
else:
    print("else of never-run while")
