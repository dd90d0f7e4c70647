def make_gens():
    gens = []
    for i in range(3):
        def g(i=i):
            yield i
            yield i * 10
        gens.append(g())
    return gens
print([list(g) for g in make_gens()])
def counter(start):
    count = start
    def gen():
        nonlocal count
        while count < start + 3:
            yield count
            count += 1
    return gen
c = counter(5)
print(list(c()), list(c()))
class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
t = Tree(1, Tree(2, Tree(4)), Tree(3))
print(list(t.walk()))
