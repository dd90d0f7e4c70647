class Empty:
    def __len__(self):
        return 0
class Full:
    def __len__(self):
        return 2
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
for o in [Empty(), Full(), Flag(True), Flag(False)]:
    print(type(o).__name__, "truthy" if o else "falsy")
print(Flag(True) and "and-result", Flag(False) or "or-result", not Flag(True))
print([o for o in [Empty(), Full()] if o].__len__(), any([Empty(), Full()]), all([Full(), Empty()]))
n = 0
w = Full()
while w and n < 2:
    n += 1
print(n)
