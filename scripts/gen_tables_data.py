#!/usr/bin/env python3.11
"""Generate the CPython 3.11 reference data for crates/taipan-vm/tests/tables*.rs.

Run with CPython 3.11 (any PYTHONHASHSEED: the script runs itself again
with PYTHONHASHSEED=0 and =12345 for the hashes):

    /root/.pyenv/versions/3.11.7/bin/python3.11 scripts/gen_tables_data.py

Writes, under crates/taipan-vm/tests/tables_data/:
  hash.txt  one value per line: `TOKENS<TAB>hash with seed 0<TAB>hash with seed 12345`
            TOKENS (space separated): iDEC int, fHEX16 float bits, cHEX16,HEX16
            complex, sW<hex> str (W = 2/4/6 hex digits per code point, the
            PEP 393 kind), b<hex> bytes, ( ... ) tuple, { ... } frozenset.
  set_ops.txt  scenarios of set operations on ints (hash(i) is fixed), one
            operation per line followed by `= ` and list(s) after it (for
            more than 64 items: `#LEN HASH`, HASH = hash(tuple(s))), with
            `-> x` for the value pop returned; see OPS below.
  dict_ops.txt  scenarios of dict operations on int and str keys ("x<n>"
            strs, some scenarios all-str): each line is an
            operation, then `= SIZEOF | k:v k:v ...` (sys.getsizeof(d) and
            d.items() after it), with `-> k:v` for popitem.
  dict_reentrant.txt  dict lookups whose __eq__ mutates the dict (see
            gen_reentrant): the __eq__ calls made must be CPython's.
"""
import os
import random
import struct
import subprocess
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "taipan-vm", "tests", "tables_data")
N = 2000


# ---------------------------------------------------------------- values

def rand_int(r):
    k = r.randrange(8)
    if k == 0:
        return r.randrange(-300, 300)
    if k == 1:
        return r.choice([-1, -2, 0, 1, 2**61 - 1, 2**61, 2**61 - 2, -(2**61), 2**63, -(2**63), 2**64 - 1, 2**64])
    if k == 2:
        return r.randrange(-(2**63), 2**63)
    if k == 3:
        return (2**61 - 1) * r.randrange(-5, 6) + r.randrange(-3, 4)
    if k == 4:
        return r.randrange(-(2**200), 2**200)
    if k == 5:
        return r.randrange(2**300)
    return r.randrange(-(2**31), 2**31)


def rand_float(r):
    k = r.randrange(7)
    if k == 0:
        return struct.unpack("<d", struct.pack("<Q", r.getrandbits(64) & ~(0x7ff << 52) | (r.randrange(2047) << 52)))[0]
    if k == 1:
        return float(r.randrange(-10**6, 10**6))
    if k == 2:
        return r.choice([0.0, -0.0, float("inf"), float("-inf"), 0.5, -1.0, 1e308, 5e-324, 2.0**61, 2.0**62, -(2.0**61)])
    if k == 3:
        return struct.unpack("<d", struct.pack("<Q", r.getrandbits(52) | (r.getrandbits(1) << 63)))[0]  # subnormal
    if k == 4:
        return r.uniform(-1e6, 1e6)
    if k == 5:
        return float(r.randrange(-(2**80), 2**80))
    return r.random() * 10.0 ** r.randrange(-300, 300)


def rand_str(r, kind=None):
    kind = r.randrange(4) if kind is None else kind
    n = r.choice([0, 1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 25, 40])
    if kind == 0:
        cps = [r.randrange(0x80) for _ in range(n)]
    elif kind == 1:
        cps = [r.randrange(0x100) for _ in range(n)]
    elif kind == 2:
        cps = [r.randrange(0x10000) for _ in range(n)]
    else:
        cps = [r.randrange(0x110000) for _ in range(n)]
    return "".join(map(chr, cps))


def rand_bytes(r):
    return bytes(r.getrandbits(8) for _ in range(r.choice([0, 1, 3, 7, 8, 9, 16, 23, 64])))


def rand_tuple(r, depth=0):
    items = []
    for _ in range(r.randrange(6 if depth == 0 else 3)):
        k = r.randrange(5 if depth == 0 else 3)
        if k == 0:
            items.append(rand_int(r))
        elif k == 1:
            items.append(rand_str(r))
        elif k == 2:
            items.append(rand_float(r))
        elif k == 3:
            items.append(rand_tuple(r, depth + 1))
        else:
            items.append(rand_frozenset(r, depth + 1))
    return tuple(items)


def rand_frozenset(r, depth=0):
    items = []
    for _ in range(r.choice([0, 1, 2, 5, 9, 20] if depth == 0 else [0, 1, 3])):
        k = r.randrange(4 if depth == 0 else 2)
        if k == 0:
            items.append(r.randrange(-50, 50))
        elif k == 1:
            items.append(rand_str(r, r.randrange(2)) if depth else rand_str(r))
        elif k == 2:
            items.append(rand_tuple(r, depth + 1))
        else:
            items.append(rand_frozenset(r, depth + 1))
    return frozenset(items)


def values():
    r = random.Random(20261121)
    out = []
    out += [rand_int(r) for _ in range(N)]
    out += [rand_float(r) for _ in range(N)]
    out += [complex(rand_float(r), rand_float(r)) for _ in range(N // 4)]
    out += [rand_str(r, i % 4) for i in range(N)]
    out += [rand_bytes(r) for _ in range(N)]
    out += [rand_tuple(r) for _ in range(N)]
    out += [rand_frozenset(r) for _ in range(N)]
    return out


def fbits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def tokens(v):
    if isinstance(v, bool):
        raise TypeError("no bools")
    if isinstance(v, int):
        return ["i%d" % v]
    if isinstance(v, float):
        return ["f" + fbits(v)]
    if isinstance(v, complex):
        return ["c%s,%s" % (fbits(v.real), fbits(v.imag))]
    if isinstance(v, str):
        m = max(map(ord, v), default=0)
        w = 2 if m < 0x100 else 4 if m < 0x10000 else 6
        return ["s%d%s" % (w, "".join("%0*x" % (w, ord(c)) for c in v))]
    if isinstance(v, bytes):
        return ["b" + v.hex()]
    if isinstance(v, tuple):
        return ["("] + [t for x in v for t in tokens(x)] + [")"]
    if isinstance(v, frozenset):
        items = sorted(" ".join(tokens(x)) for x in v)  # reproducible whatever the seed
        return ["{"] + [t for x in items for t in x.split(" ")] + ["}"]
    raise TypeError(type(v))


def gen_hashes():
    seeds = ["0", "12345"]
    runs = []
    for seed in seeds:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        res = subprocess.run([sys.executable, __file__, "--print-hashes"], env=env, capture_output=True, text=True, check=True)
        runs.append(res.stdout.split())
    vals = values()
    with open(os.path.join(OUT, "hash.txt"), "w") as f:
        for v, h0, h1 in zip(vals, *runs):
            f.write("%s\t%s\t%s\n" % (" ".join(tokens(v)), h0, h1))


# ---------------------------------------------------------------- set operations

# Each op line: NAME [ints...]. L = the ints as a list, S = set(L).
OPS = {
    "add": lambda s, L: s.add(L[0]),
    "discard": lambda s, L: s.discard(L[0]),
    "pop": None,  # special: records the popped value
    "clear": lambda s, L: s.clear(),
    "update_set": lambda s, L: s.update(set(L)),
    "update_list": lambda s, L: s.update(L),
    "update_dict": lambda s, L: s.update(dict.fromkeys(L)),
    "new_list": lambda s, L: set(L),
    "new_dict": lambda s, L: set(dict.fromkeys(L)),
    "copy": lambda s, L: s.copy(),
    "or_set": lambda s, L: s | set(L),
    "ror_set": lambda s, L: set(L) | s,
    "and_set": lambda s, L: s & set(L),
    "rand_set": lambda s, L: set(L) & s,
    "sub_set": lambda s, L: s - set(L),
    "rsub_set": lambda s, L: set(L) - s,
    "xor_set": lambda s, L: s ^ set(L),
    "rxor_set": lambda s, L: set(L) ^ s,
    "and_list": lambda s, L: s.intersection(L),
    "sub_list": lambda s, L: s.difference(L),
    "sub_dict": lambda s, L: s.difference(dict.fromkeys(L)),
    "xor_list": lambda s, L: s.symmetric_difference(L),
    "ior_set": lambda s, L: s.__ior__(set(L)),
    "iand_set": lambda s, L: s.__iand__(set(L)),
    "isub_set": lambda s, L: s.__isub__(set(L)),
    "ixor_set": lambda s, L: s.__ixor__(set(L)),
    "iand_list": lambda s, L: s.intersection_update(L),
    "isub_list": lambda s, L: s.difference_update(L),
    "ixor_list": lambda s, L: s.symmetric_difference_update(L),
    "ixor_dict": lambda s, L: s.symmetric_difference_update(dict.fromkeys(L)),
    "self_and": lambda s, L: s & s,
    "self_sub": lambda s, L: s - s,
    "self_isub": lambda s, L: s.__isub__(s),
}


def rand_ints(r, scale):
    n = r.choice([0, 1, 2, 3, 5, 8, 13, 30, 60, 200])
    pool = r.choice([
        lambda: r.randrange(scale),
        lambda: r.randrange(-scale, scale),
        lambda: r.randrange(-4, 4) * r.choice([8, 32, 1024, 2**61 - 1]) + r.randrange(3),
        lambda: r.randrange(scale) * 8,
    ])
    return [pool() for _ in range(n)]


def show(s):
    """list(s), or for long sets its length and hash(tuple(s))."""
    if len(s) <= 64:
        return " ".join(map(str, s))
    return "#%d %d" % (len(s), hash(tuple(s)))


def gen_scenario(r, lines):
    s = set()
    scale = r.choice([10, 40, 100, 1000])
    for _ in range(r.randrange(5, 40)):
        name = r.choice(list(OPS) + ["add", "add", "discard", "pop"] * 3)
        if name in ("add", "discard"):
            L = [r.randrange(-scale, scale) if r.random() < 0.3 else r.randrange(scale)]
        else:
            L = rand_ints(r, scale)
        if name == "pop":
            if not s:
                continue
            x = s.pop()
            lines.append("pop -> %d = %s" % (x, show(s)))
            continue
        res = OPS[name](s, L)
        if isinstance(res, set):
            s = res
        lines.append("%s %s = %s" % (name, " ".join(map(str, L)), show(s)))
    lines.append("end")


def gen_set_ops():
    r = random.Random(7)
    lines = []
    for _ in range(250):
        gen_scenario(r, lines)
    # Large tables (growth past 50000 entries): built from ranges.
    for start, stop, step in [(0, 60000, 1), (5, 300000, 7), (-100000, 100000, 3)]:
        s = set(range(start, stop, step))
        lines.append("new_range %d %d %d = %s" % (start, stop, step, show(s)))
        for x in range(start, stop, 2 * step):
            s.discard(x)
        lines.append("discard_range %d %d %d = %s" % (start, stop, 2 * step, show(s)))
        s.update(range(stop, stop + 70000))
        lines.append("update_range %d %d 1 = %s" % (stop, stop + 70000, show(s)))
        lines.append("end")
    with open(os.path.join(OUT, "set_ops.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- dict operations

def dict_literal(keys):
    """A dict display (BUILD_CONST_KEY_MAP: _PyDict_FromItems, presized)."""
    return eval("{%s}" % ", ".join("%r: 0" % (k,) for k in keys))


def from_list(keys):
    d = {}
    for k in keys:
        d[k] = 0
    return d


def show_dict(d):
    return "%d | %s" % (sys.getsizeof(d), " ".join("%s:%d" % kv for kv in d.items()))


def gen_dict_scenario(r, lines):
    """Keys are ints, or strs "x<n>" (kept apart from ints by the x)."""
    d = {}
    scale = r.choice([10, 50, 400])
    str_share = r.choice([0.0, 1.0, 1.0, 0.97, 0.5])

    def key():
        n = r.randrange(-scale, scale)
        return "x%d" % n if r.random() < str_share else n

    def keys(n):
        return [key() for _ in range(n)]

    def tokens(ks):
        return " ".join(map(str, ks))

    for step in range(r.randrange(5, 60)):
        name = r.choice(["set"] * 8 + ["del"] * 3 + ["popitem", "popitem", "clear", "copy",
                                                    "dict_of", "update", "literal", "set_many", "del_many"])
        if name == "set":
            k = key()
            d[k] = step
            lines.append("set %s %d = %s" % (k, step, show_dict(d)))
        elif name == "del":
            k = key()
            d.pop(k, None)
            lines.append("del %s = %s" % (k, show_dict(d)))
        elif name == "popitem":
            if not d:
                continue
            kv = d.popitem()
            lines.append("popitem -> %s:%d = %s" % (kv + (show_dict(d),)))
        elif name == "clear":
            d.clear()
            lines.append("clear = %s" % show_dict(d))
        elif name == "copy":
            d = d.copy()
            lines.append("copy = %s" % show_dict(d))
        elif name == "dict_of":
            d = dict(d)
            lines.append("dict_of = %s" % show_dict(d))
        elif name == "update":
            ks = keys(r.choice([0, 1, 5, 20, 100]))
            d.update(from_list(ks))
            lines.append("update %s = %s" % (tokens(ks), show_dict(d)))
        elif name == "literal":
            ks = keys(r.randrange(16))
            d = dict_literal(ks)
            lines.append("literal %s = %s" % (tokens(ks), show_dict(d)))
        elif name == "set_many":
            ks = keys(r.choice([10, 50, 300]))
            for x in ks:
                d[x] = 0
            lines.append("set_many %s = %s" % (tokens(ks), show_dict(d)))
        else:
            ks = list(d)[:: r.choice([1, 2, 3])]
            for x in ks:
                del d[x]
            lines.append("del_many %s = %s" % (tokens(ks), show_dict(d)))
    lines.append("end")


def gen_dict_ops():
    r = random.Random(11)
    lines = []
    for _ in range(150):
        gen_dict_scenario(r, lines)
    with open(os.path.join(OUT, "dict_ops.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- re-entrant __eq__

class ReKey:
    """A key whose __eq__ logs the call and runs the next scripted action
    on the dict (insert fillers, clear, delete or set a key)."""
    world = None

    def __init__(self, v, h):
        self.v, self.h = v, h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        w = ReKey.world
        w["log"].append("%d=%d" % (self.v, other.v))
        if w["actions"]:
            act = w["actions"].pop(0)
            d = w["d"]
            if act[0] == "f":
                for _ in range(act[1]):
                    w["filler"] -= 1
                    w["inserting"] += 1
                    d[ReKey(w["filler"], 10**6 - w["filler"])] = 0
                    w["inserting"] -= 1
            elif act[0] == "c" and not w["inserting"]:
                # CPython bug gh-140551 avoided: a clear() during the lookup
                # of d[k] = v leaves k (not a str) in a str-only table, whose
                # later lookups read past the key object.
                d.clear()
            elif act[0] == "d":
                d.pop(ReKey(act[1], rekey_hash(act[1])), None)
            elif act[0] == "s":
                w["inserting"] += 1
                d[ReKey(act[1], rekey_hash(act[1]))] = 1
                w["inserting"] -= 1
        return self.v == other.v


def rekey_hash(v):
    return v % 3


def gen_reentrant():
    """Lines: `actions A...` (f<n> insert n fillers, c clear unless inside
    an insertion, d<v> pop key v,
    s<v> set key v, -<x> nothing), then per operation
    `OP V [VALUE] : RESULT : EQ CALLS : ITEMS` with the __eq__ calls it made
    (stored.v=looked_up.v) and d.items() after it; `end` closes a scenario."""
    r = random.Random(3)
    lines = []
    for _ in range(300):
        actions = []
        for _ in range(r.randrange(40)):
            k = r.choice("-----fcds")
            actions.append((k, r.choice([1, 3, 10, 30]) if k == "f" else r.randrange(8)))
        world = {"d": {}, "log": [], "actions": list(actions), "filler": 0, "inserting": 0}
        ReKey.world = world
        lines.append("actions " + " ".join("%s%d" % a for a in actions))
        for n in range(r.randrange(1, 30)):
            op, v = r.choice(["set", "set", "get", "del"]), r.randrange(8)
            key = ReKey(v, rekey_hash(v))
            d = world["d"]
            world["log"] = []
            result = "-"
            if op == "set":
                op = "set %d %d" % (v, n)
                world["inserting"] += 1
                d[key] = n
                world["inserting"] -= 1
            elif op == "get":
                op = "get %d" % v
                result = str(key in d)
            else:
                op = "del %d" % v
                d.pop(key, None)
            items = " ".join("%d:%d" % (k.v, x) for k, x in d.items())
            lines.append("%s : %s : %s : %s" % (op, result, " ".join(world["log"]), items))
        lines.append("end")
    with open(os.path.join(OUT, "dict_reentrant.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    if sys.argv[1:] == ["--print-hashes"]:
        for v in values():
            print(hash(v))
        return
    assert sys.version_info[:2] == (3, 11), "run with CPython 3.11"
    os.makedirs(OUT, exist_ok=True)
    gen_hashes()
    gen_set_ops()
    gen_dict_ops()
    gen_reentrant()


if __name__ == "__main__":
    main()
