@a
@b.c
@d(1)
def f():
    pass
