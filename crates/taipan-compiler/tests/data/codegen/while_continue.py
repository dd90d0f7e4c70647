while a:
    if b:
        continue
    c()
