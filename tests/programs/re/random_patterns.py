# Random patterns from a small grammar (own LCG: the same on every
# interpreter), str and bytes, several flags: finditer, fullmatch, sub/split.
import re

seed = 2026
N = 800
state = seed
def rnd(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 33) % n

ATOMS = ['a', 'b', 'c', '.', r'\w', r'\d', r'\s', '[ab]', '[^a]', '[a-c]', 'A', 'ß', 'σ', r'\b', '^', '$', r'\B', '(?:)', 'x']
def gen(depth, groups):
    k = rnd(12) if depth < 4 else rnd(3)
    if k <= 2:
        return ATOMS[rnd(len(ATOMS))]
    if k == 3:
        return gen(depth + 1, groups) + gen(depth + 1, groups)
    if k == 4:
        return gen(depth + 1, groups) + '|' + gen(depth + 1, groups)
    if k == 5:
        groups[0] += 1
        return '(' + gen(depth + 1, groups) + ')'
    if k == 6:
        q = ['*', '+', '?', '*?', '+?', '??', '{1,2}', '{0,3}?', '{2}', '*+', '++', '?+'][rnd(12)]
        return '(?:' + gen(depth + 1, groups) + ')' + q
    if k == 7:
        return ATOMS[rnd(len(ATOMS))] + ['*', '+', '?', '*?', '+?', '{1,3}', '*+', '{0,2}?'][rnd(8)]
    if k == 8 and groups[0]:
        return '\\%d' % (rnd(groups[0]) + 1)
    if k == 9:
        return ['(?=', '(?!', '(?>'][rnd(3)] + gen(depth + 1, groups) + ')'
    if k == 10:
        return ['(?<=a)', '(?<!b)', '(?<=ab)', '(?<!\\w)'][rnd(4)]
    if k == 11 and groups[0]:
        return '(?(%d)%s|%s)' % (rnd(groups[0]) + 1, gen(depth + 1, groups), gen(depth + 1, groups))
    return gen(depth + 1, groups) + gen(depth + 1, groups)

CHARS = 'aabbc AßSσΣx1\n_'
for i in range(N):
    p = gen(0, [0])
    flags = [0, re.I, re.M, re.S, re.I | re.M, re.A, re.A | re.I][rnd(7)]
    s = ''.join(CHARS[rnd(len(CHARS))] for _ in range(rnd(12)))
    try:
        c = re.compile(p, flags)
    except re.error as e:
        print(i, repr(p), 'error', e)
        continue
    r1 = [(m.span(), m.groups(), m.lastindex) for m in c.finditer(s)]
    m = c.fullmatch(s)
    r2 = m and (m.span(), m.groups())
    r3 = c.sub('-', s) if c.groups == 0 else c.split(s)
    print(i, repr(p), flags, repr(s), r1, r2, r3)
# bytes
BCH = b'aabbc AB\xdfx1\n_\xe9'
for i in range(N // 2):
    p = gen(0, [0]).replace('ß', 'B').replace('σ', 'S')
    flags = [0, re.I, re.M, re.S, re.L, re.L | re.I][rnd(6)]
    s = bytes(BCH[rnd(len(BCH))] for _ in range(rnd(12)))
    try:
        c = re.compile(p.encode(), flags)
    except re.error as e:
        print(i, repr(p), 'error', e)
        continue
    r1 = [(m.span(), m.groups(), m.lastindex) for m in c.finditer(s)]
    m = c.fullmatch(s)
    print(i, repr(p), flags, s, r1, m and (m.span(), m.groups()))
