class Log:
    def __init__(self, n, fail_enter=False, fail_exit=False):
        self.n, self.fail_enter, self.fail_exit = n, fail_enter, fail_exit
    def __enter__(self):
        print("enter", self.n)
        if self.fail_enter:
            raise RuntimeError("enter failed " + self.n)
        return self
    def __exit__(self, *exc):
        print("exit", self.n, exc[0].__name__ if exc[0] else None)
        if self.fail_exit:
            raise KeyError("exit failed " + self.n)
try:
    with Log("1"), Log("2", fail_enter=True), Log("3"):
        print("body")
except RuntimeError as e:
    print("caught", e)
try:
    with Log("a", fail_exit=True):
        raise ValueError("body error")
except KeyError as e:
    print("caught", repr(e), "context", repr(e.__context__))
try:
    with 5:
        pass
except TypeError as e:
    print("TypeError:", e)
class NoExit:
    def __enter__(self):
        return 1
try:
    with NoExit():
        pass
except TypeError as e:
    print("TypeError:", e)
with Log("outer"):
    with Log("inner"):
        print("nested body")
