class Ctx:
    active = 0
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        Ctx.active += 1
        return self.n
    def __exit__(self, et, ev, tb):
        Ctx.active -= 1
        print(f"exit {self.n} ({et.__name__ if et else 'ok'})")
        return et is StopIteration
def gen():
    for i in range(3):
        with Ctx(i) as n:
            yield n
print(list(gen()), Ctx.active)
g = gen()
print(next(g), Ctx.active)
g.close()
print("after close", Ctx.active)
def early(n):
    with Ctx(n):
        if n:
            return "early"
        raise StopIteration
    return "suppressed path"
print(early(1), early(0), Ctx.active)
