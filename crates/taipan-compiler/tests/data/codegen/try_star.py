try:
    a()
except* E as e:
    b(e)
except* F:
    c()
