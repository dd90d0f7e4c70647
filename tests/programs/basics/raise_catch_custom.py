class MyError(Exception):
    pass
try:
    raise MyError("oops")
except MyError as e:
    print("caught", e)
