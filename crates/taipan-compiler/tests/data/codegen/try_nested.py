try:
    try:
        a()
    except E:
        b()
finally:
    c()
