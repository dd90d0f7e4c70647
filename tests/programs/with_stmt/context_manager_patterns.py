class Timer:
    def __init__(self, log):
        self.log = log
    def __enter__(self):
        self.log.append("start")
        return self
    def __exit__(self, *a):
        self.log.append("stop")
log = []
with Timer(log) as t:
    log.append("work")
print(log, t.log is log)
class Resource:
    opened = 0
    def __enter__(self):
        Resource.opened += 1
        return self
    def __exit__(self, et, ev, tb):
        Resource.opened -= 1
        return et is KeyError
def use():
    with Resource():
        print("open:", Resource.opened)
        {}["missing"]
    print("suppressed; open:", Resource.opened)
use()
with Resource() as a, Resource() as b:
    print("both open:", Resource.opened, a is not b)
print("closed:", Resource.opened)
class Reentrant:
    depth = 0
    def __enter__(self):
        self.depth += 1
        print("depth", self.depth)
    def __exit__(self, *a):
        self.depth -= 1
r = Reentrant()
with r:
    with r:
        with r:
            pass
print("final depth", r.depth)
