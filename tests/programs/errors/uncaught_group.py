# An uncaught exception group: the boxed traceback on stderr ends with the closing line.
def fail():
    raise ExceptionGroup("many", [ValueError(1), ExceptionGroup("inner", [TypeError(2)])])


print("before")
fail()
