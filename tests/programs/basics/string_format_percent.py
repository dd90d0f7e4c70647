print("%s=%d" % ("x", 5))
