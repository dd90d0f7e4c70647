a = True + True
b = True & False
c = True | 2
