# An uncaught exception goes to the sys.excepthook the program installed.
import sys


def hook(t, v, tb):
    print("custom hook:", t.__name__, v, type(tb).__name__, tb.tb_lineno)


sys.excepthook = hook
print("before")
raise ValueError("boom")
