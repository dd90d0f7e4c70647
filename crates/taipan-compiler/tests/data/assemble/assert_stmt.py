def f(x):
    assert x, "bad"
