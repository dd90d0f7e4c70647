import os
import signal
import sys
import time

count = 0


def on_int(signum, frame):
    global count
    count += 1
    print("handler", count, flush=True)
    if count == 1:
        os.kill(os.getpid(), signal.SIGINT)
    else:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        raise KeyboardInterrupt("second")


signal.signal(signal.SIGINT, on_int)
print("ready", flush=True)
time.sleep(30)
