"""String formatting: f-strings with format specs, str.format, %-formatting and repr."""


def run(n):
    total = 0
    for i in range(n):
        x = i * 1.25
        s = f"{i:>6}|{x:10.3f}|{i:08x}|{i % 97!r}|{'tag':^7}|{x:.2e}"
        t = "{:,} {:>5} {}".format(i * 1000, i % 100, x)
        u = "%d-%s-%.1f" % (i, i % 7, x)
        total += len(s) + len(t) + len(u) + len(repr(x)) + len(str(i))
    return total


print(run(220_000))
