class Show:
    def __enter__(self):
        return "entered"
    def __exit__(self, et, ev, tb):
        print(et, repr(ev), tb is not None)
        return True
with Show() as s:
    print(s)
with Show():
    raise IndexError("idx")
with Show():
    1 / 0
def in_func():
    with Show():
        return "from with"
print(in_func())
for i in range(2):
    with Show():
        continue
print("loop done")
