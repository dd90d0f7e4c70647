"""List, dict and set comprehensions, nested and filtered."""


def run(n):
    squares = [i * i for i in range(n)]
    evens = [x for x in squares if x % 2 == 0]
    pairs = [(i, j) for i in range(300) for j in range(i % 7)]
    table = {i: i % 17 for i in range(n)}
    classes = {v for v in table.values()}
    matrix = [[r * c for c in range(60)] for r in range(60)]
    transposed = [[row[i] for row in matrix] for i in range(60)]
    total = sum(evens) % 1_000_003 + len(pairs) + len(classes) + sum(map(sum, transposed))
    return total


print(sum(run(200_000) for _ in range(24)))
