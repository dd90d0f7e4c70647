import sys
import time

print("ready", flush=True)
try:
    time.sleep(30)
except KeyboardInterrupt as e:
    print("caught", repr(e))
    sys.exit(3)
