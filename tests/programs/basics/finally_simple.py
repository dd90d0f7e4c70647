try:
    print("try")
finally:
    print("finally")
