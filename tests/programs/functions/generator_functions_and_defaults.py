def gen(n, step=1, *, start=0):
    v = start
    for _ in range(n):
        yield v
        v += step
print(list(gen(3)), list(gen(3, 2)), list(gen(3, start=10)), list(gen(n=2, step=-1)))
def mutable_default(item, bucket=[]):
    bucket.append(item)
    return len(bucket)
print(mutable_default(1), mutable_default(2), mutable_default.__defaults__)
def kw_default(*, flag=[]):
    flag.append(1)
    return flag
print(kw_default(), kw_default(), kw_default.__kwdefaults__)
