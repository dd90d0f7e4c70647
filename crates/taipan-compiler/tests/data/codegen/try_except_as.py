try:
    a()
except ValueError as e:
    b(e)
