while a:
    b()
