lines = ["# comment", "alpha 1", "", "beta 2", "  gamma 3  ", "# another", "delta x"]
def strip(ls):
    for l in ls:
        yield l.strip()
def non_empty(ls):
    return (l for l in ls if l and not l.startswith("#"))
def parse(ls):
    for l in ls:
        name, value = l.split()
        try:
            yield name, int(value)
        except ValueError:
            yield name, None
result = list(parse(non_empty(strip(lines))))
print(result)
print(dict(result), sum(v for _, v in result if v is not None))
def batched(it, n):
    batch = []
    for x in it:
        batch.append(x)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch
print(list(batched(range(7), 3)))
def interleave(*its):
    its = [iter(i) for i in its]
    while its:
        for it in list(its):
            try:
                yield next(it)
            except StopIteration:
                its.remove(it)
print(list(interleave("abc", [1, 2], "XYZW")))
