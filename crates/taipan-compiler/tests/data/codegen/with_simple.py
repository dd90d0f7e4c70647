with a:
    b()
