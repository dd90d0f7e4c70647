r = not a is b
s = not a in b
if not a is None:
    pass
