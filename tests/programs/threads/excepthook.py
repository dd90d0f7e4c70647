# An exception escaping a thread goes through threading.excepthook.
import threading, sys

def bad():
    raise ValueError("boom")

t = threading.Thread(target=bad, name="bad-thread")
t.start()
t.join()
print("after default hook")

caught = []
def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
threading.excepthook = hook
t = threading.Thread(target=bad, name="hooked")
t.start()
t.join()
print(caught)

def quits():
    sys.exit(3)
t = threading.Thread(target=quits)
t.start()
t.join()
print("SystemExit in a thread is silent", caught[1:])
