# threading.excepthook is _thread._excepthook: "Exception in thread NAME:" and
# the traceback on sys.stderr, SystemExit silent; _ExceptHookArgs is a struct sequence.
import threading, sys, io, _thread
print(threading.excepthook is _thread._excepthook, threading.ExceptHookArgs is _thread._ExceptHookArgs)
def boom():
    raise ValueError("boom")
old = sys.stderr
sys.stderr = buf = io.StringIO()
t = threading.Thread(target=boom, name="worker-1")
t.start(); t.join()
def leave():
    sys.exit(3)
t = threading.Thread(target=leave, name="worker-2")
t.start(); t.join()
sys.stderr = old
text = buf.getvalue()
print(text.splitlines()[0], "|", text.splitlines()[-1])
print("worker-2" in text)
a = _thread._ExceptHookArgs([ValueError, ValueError("x"), None, None])
print(a.exc_type, a.exc_value, a.thread, len(a))
try:
    _thread._excepthook((1, 2, 3, 4))
except TypeError as e:
    print("TypeError", e)
