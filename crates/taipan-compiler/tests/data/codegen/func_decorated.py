@dec
def f():
    pass
