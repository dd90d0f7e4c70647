import signal
import sys


def on_int(signum, frame):
    print("handler", signal.Signals(signum).name, flush=True)
    sys.exit(5)


signal.signal(signal.SIGINT, on_int)
print("ready", flush=True)
while True:
    pass
