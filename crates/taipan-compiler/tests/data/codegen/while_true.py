while True:
    a()
    if b:
        break
