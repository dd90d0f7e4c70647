# atexit callbacks still run when the program ends with sys.exit(status),
# and the status is kept; _run_exitfuncs runs and clears them early.
import atexit, sys

atexit.register(print, "early")
atexit._run_exitfuncs()
atexit.register(print, "at exit")
print("exiting")
sys.exit(3)
