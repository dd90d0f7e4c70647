'''doc'''
assert x, 'm'
def f():
    '''fdoc'''
    assert y
    return __debug__
