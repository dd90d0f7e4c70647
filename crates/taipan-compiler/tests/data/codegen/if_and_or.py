if a and b or c:
    d()
