print("Hello".upper(), "Hello".lower(), "a,b".split(","), "-".join(["x", "y"]))
