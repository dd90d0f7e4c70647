"""Dictionary heavy: word counting, grouping and lookups with int and str keys."""


def words(n):
    vocab = [f"w{i}" for i in range(2000)]
    state = 12345
    out = []
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(vocab[state % 2000])
    return out


def count(ws):
    counts = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    return counts


def group_by_len(counts):
    groups = {}
    for w, c in counts.items():
        groups.setdefault(len(w), []).append(c)
    return {k: sum(v) for k, v in groups.items()}


def int_keys(n):
    d = {}
    for i in range(n):
        d[i * 7 % 100_003] = i
    hits = 0
    for i in range(n):
        if i in d:
            hits += d[i] & 1
    return hits, len(d)


ws = words(2_500_000)
counts = count(ws)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(len(counts), top, group_by_len(counts), int_keys(1_500_000))
