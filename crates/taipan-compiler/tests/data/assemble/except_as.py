def f():
    try:
        a()
    except E as e:
        b(e)
