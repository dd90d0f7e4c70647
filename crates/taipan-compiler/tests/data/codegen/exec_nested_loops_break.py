for a in b:
    while c:
        if d:
            break
    else:
        continue
    break
