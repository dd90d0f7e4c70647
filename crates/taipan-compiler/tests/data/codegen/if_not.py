if not a:
    b()
