class It:
    def __iter__(self):
        return [1, 2]
for x in It():
    print(x)
