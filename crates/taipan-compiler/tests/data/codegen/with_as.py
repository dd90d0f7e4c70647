with a as b:
    c(b)
