import atexit

atexit.register(print, "atexit ran")
print("ready", flush=True)


def spin(depth):
    if depth:
        return spin(depth - 1)
    while True:
        pass


spin(3)
