try:
    a()
except E:
    b()
else:
    c()
