try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
    print(tb is not None, type(tb).__name__, tb.tb_lineno)
    print(tb.tb_frame.f_code.co_name)
def f():
    raise ValueError("deep")
try:
    f()
except ValueError as e:
    tb = e.__traceback__
    n = 0
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        n += 1
        tb = tb.tb_next
    print(n, names)
