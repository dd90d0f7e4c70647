# The comparisons list.sort makes (which pairs, in which order) are
# CPython's timsort with powersort merges: counted and checksummed here.


class Counted:
    calls = 0
    trace = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Counted.calls += 1
        Counted.trace = (Counted.trace * 31 + self.v * 7 + other.v) % 1000003
        return self.v < other.v


def lcg(n, seed, mod):
    out = []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(seed % mod)
    return out


def run(name, values):
    Counted.calls = 0
    Counted.trace = 0
    items = [Counted(v) for v in values]
    items.sort()
    ok = [c.v for c in items] == sorted(values)
    print(name, len(values), Counted.calls, Counted.trace, ok)


run("random", lcg(3000, 1, 1000))
run("few distinct", lcg(3000, 2, 3))
run("ascending", list(range(2000)))
run("descending", list(range(2000, 0, -1)))
run("sawtooth", [i % 100 for i in range(5000)])
run("runs", [(i % 37) * 3 + i // 500 for i in range(4000)])
run("organ pipe", list(range(1000)) + list(range(1000, 0, -1)))
run("small", [3, 1, 2])
run("pairs", lcg(65, 3, 10))
run("almost sorted", [i if i % 97 else 5000 - i for i in range(5000)])
