# Errors during list.sort: a raising key function, a comparison raising
# part-way (the list keeps a permutation, in CPython's order), an
# inconsistent __lt__, and the list modified during the sort.


class Boom(Exception):
    pass


class Fragile:
    budget = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Fragile.budget -= 1
        if Fragile.budget < 0:
            raise Boom("comparison failed")
        return self.v < other.v

    def __repr__(self):
        return f"F{self.v}"


def lcg(n, seed, mod):
    out = []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(seed % mod)
    return out


for budget in [0, 1, 5, 40, 200, 700]:
    vals = lcg(300, budget + 1, 50)
    items = [Fragile(v) for v in vals]
    Fragile.budget = budget
    try:
        items.sort()
    except Boom as e:
        print("budget", budget, "raised", e)
    print(" state", sum(i * f.v for i, f in enumerate(items)), sorted(f.v for f in items) == sorted(vals))

for budget in [3, 100]:
    items = [Fragile(v) for v in lcg(200, 9, 30)]
    Fragile.budget = budget
    try:
        items.sort(reverse=True)
    except Boom:
        print("reverse budget", budget, [f.v for f in items[:12]])


def bad_key(x):
    if x == 7:
        raise KeyError(x)
    return -x


data = [5, 3, 7, 1]
try:
    data.sort(key=bad_key)
except KeyError as e:
    print("key raised", e, data)

try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError:", e)

lst = [3, 1, 2]
try:
    lst.sort(key=lambda x: lst.append(x) or x)
except ValueError as e:
    print("ValueError:", e, lst)

lst = [3, 1, 2]


def seen_len(x):
    print("len during sort", len(lst))
    return x


lst.sort(key=seen_len)
print(lst)

lst = [5, 4, 3, 2, 1]
try:
    lst.sort(key=lambda x: (lst.append(0), lst.pop(), x)[2])
except ValueError as e:
    print("append+pop:", e, lst)


class Random:
    state = 1

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Random.state = (Random.state * 1103515245 + 12345) % 2147483648
        return Random.state % 3 == 0


items = [Random(i) for i in range(500)]
items.sort()
print("inconsistent", [r.v for r in items[:15]], sorted(r.v for r in items) == list(range(500)))
