for x in y:
    break
else:
    pass
while z:
    continue
