try:
    print("try")
finally:
    print("finally")
    raise OSError("raised in finally")
