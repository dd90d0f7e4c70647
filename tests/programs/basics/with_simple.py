class CM:
    def __enter__(self):
        print("enter")
        return 1
    def __exit__(self, *args):
        print("exit")
with CM() as v:
    print(v)
