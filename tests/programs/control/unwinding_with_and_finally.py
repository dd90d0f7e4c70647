class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
    def __exit__(self, *a):
        print("exit", self.n)
def f():
    for i in range(3):
        with CM(i):
            try:
                if i == 0:
                    continue
                if i == 1:
                    break
            finally:
                print("finally", i)
    return "end"
print(f())
def g():
    try:
        with CM("a"):
            with CM("b"):
                return "returned through two withs"
    finally:
        print("outer finally")
print(g())
def h():
    for i in range(2):
        try:
            for j in range(2):
                with CM(f"{i}{j}"):
                    if j == 1:
                        return i, j
        finally:
            print("finally h", i)
print(h())
