if 1:
    a()
if 0:
    b()
