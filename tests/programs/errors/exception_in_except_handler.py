try:
    raise ValueError("first")
except ValueError:
    print("handling")
    undefined_handler_name
