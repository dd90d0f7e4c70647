def f():
    try:
        a()
    except E as e:
        return e
