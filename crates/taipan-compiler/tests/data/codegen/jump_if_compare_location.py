def f():
    if (a <
        b < c):
        pass
    if x < 1 and \
       y:
        pass
    assert x < 1, 'm'
