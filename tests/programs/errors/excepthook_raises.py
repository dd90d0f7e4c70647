# A sys.excepthook that fails: its error is printed, then the original exception.
import sys


def hook(t, v, tb):
    print("hook called with", t.__name__)
    raise RuntimeError("hook broke")


sys.excepthook = hook


def f():
    raise ValueError("boom")


f()
