#!/usr/bin/env python3.11
"""Generate crates/taipan-stdlib/src/unicodedata_data.rs: the Unicode 14.0
database of CPython 3.11's `unicodedata`, read from CPython itself.

    /root/.pyenv/versions/3.11.7/bin/python3.11 scripts/gen_unicodedata_tables.py

Tables (all looked up by crates/taipan-stdlib/src/unicodedata.rs):
  RECORDS      the distinct (category, bidirectional, combining,
               east_asian_width | mirrored << 7, numeric, quick check)
               property records;
  NUMERICS     the distinct (decimal, digit, numeric) values (index 0: none);
  INDEX1_14 / INDEX1_3_2 / RECORD_BLOCKS
               two-level index code point -> record, for Unicode 14.0 and for
               `ucd_3_2_0` (the two share the 128-entry blocks they agree on);
  DECOMP_INDEX1 / DECOMP_BLOCKS / DECOMP_DATA
               two-level index code point -> offset in DECOMP_DATA, where a
               decomposition is a header word (tag << 8 | length) followed by
               its code points (offset 0: no decomposition);
  COMPOSITIONS (first, second, composite) sorted: the pairs NFC composes;
  NAMED_SEQUENCES (name, code points): what `lookup` accepts beyond
               characters. Candidates come from a NamedSequences.txt of
               Unicode 14.0 (Perl's copy by default, or argv[1]); each is kept
               only if CPython's `lookup` gives the same text.
Names of single characters come from the `unicode_names2` crate, filtered to
what Unicode 14.0 assigns (the parser's `\\N{...}` uses the same lookup).
"""
import os
import sys
import unicodedata as ud

assert sys.version_info[:2] == (3, 11), "generate with CPython 3.11"

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "taipan-stdlib", "src", "unicodedata_data.rs")
NAMED_SEQUENCES_TXT = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/perl/5.36.0/unicore/NamedSequences.txt"
SHIFT = 7
BLOCK = 1 << SHIFT
N = 0x110000

CATEGORIES = "Cn Lu Ll Lt Mn Mc Me Nd Nl No Zs Zl Zp Cc Cf Cs Co Cn Lm Lo Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So".split()
CATEGORIES = list(dict.fromkeys(CATEGORIES))
BIDI = ["", "L", "LRE", "LRO", "R", "AL", "RLE", "RLO", "PDF", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"]
EAW = ["F", "H", "W", "Na", "A", "N"]
TAGS = ["", "<font>", "<noBreak>", "<initial>", "<medial>", "<final>", "<isolated>", "<circle>", "<super>", "<sub>", "<vertical>", "<wide>", "<narrow>", "<small>", "<square>", "<fraction>", "<compat>"]


def numeric_of(db, c):
    return (db.decimal(c, -1), db.digit(c, -1), db.numeric(c, None))


FORMS = ("NFD", "NFKD", "NFC", "NFKC")  # quick-check bit pairs 0, 2, 4, 6


def quick_check(c):
    """The per-character normalization quick check CPython's `is_normalized`
    and `normalize` use, 2 bits per form (0 yes, 1 maybe, 2 no): `normalize`
    returns its very argument exactly when every character is a "yes", and
    `is_normalized` answers False at once on a "no"."""
    bits = 0
    for i, form in enumerate(FORMS):
        twice = c + c
        if ud.normalize(form, twice) is twice:
            continue
        no = not ud.is_normalized(form, c)
        bits |= (2 if no else 1) << (2 * i)
    return bits


def record_of(db, c, numerics):
    num = numeric_of(db, c)
    if num not in numerics:
        numerics[num] = len(numerics)
    return (
        CATEGORIES.index(db.category(c)),
        BIDI.index(db.bidirectional(c)),
        db.combining(c),
        EAW.index(db.east_asian_width(c)) | (db.mirrored(c) << 7),
        numerics[num],
        quick_check(c) if db is ud else 0,
    )


def intern(table, item):
    if item not in table:
        table[item] = len(table)
    return table[item]


def two_level(values, blocks):
    """Index1 over shared blocks of BLOCK values (blocks: dict block -> id)."""
    return [intern(blocks, tuple(values[i:i + BLOCK])) for i in range(0, N, BLOCK)]


def decompositions():
    data = [0]  # offset 0: none
    seen = {}
    offsets = []
    for cp in range(N):
        d = ud.decomposition(chr(cp))
        if not d:
            offsets.append(0)
            continue
        if d not in seen:
            parts = d.split()
            tag = TAGS.index(parts[0]) if parts[0].startswith("<") else 0
            cps = [int(p, 16) for p in parts[1 if tag else 0:]]
            seen[d] = len(data)
            data.append(tag << 8 | len(cps))
            data.extend(cps)
        offsets.append(seen[d])
    return offsets, data


def compositions():
    pairs = []
    for cp in range(N):
        d = ud.decomposition(chr(cp))
        if not d or d.startswith("<"):
            continue
        parts = [int(p, 16) for p in d.split()]
        if len(parts) == 2 and ud.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(cp):
            pairs.append((parts[0], parts[1], cp))
    return sorted(pairs)


def corrections_3_2():
    """Characters whose NFD under `ucd_3_2_0` is another single character
    than under Unicode 14 (CPython's `normalization_3_2_0`)."""
    out = []
    old = ud.ucd_3_2_0
    for cp in range(N):
        c = chr(cp)
        if old.category(c) == "Cn":
            continue
        d32 = old.normalize("NFD", c)
        if d32 != ud.normalize("NFD", c):
            assert len(d32) == 1, hex(cp)
            out.append((cp, ord(d32)))
    return out


def named_sequences():
    out = []
    for line in open(NAMED_SEQUENCES_TXT, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        name, seq = line.strip().split(";")
        text = "".join(chr(int(p, 16)) for p in seq.split())
        try:
            if ud.lookup(name) == text:
                out.append((name, [ord(ch) for ch in text]))
        except KeyError:
            pass
    return sorted(out)


def rows(items, per_line, fmt=str):
    items = list(items)
    return "\n".join("    " + " ".join(fmt(x) + "," for x in items[i:i + per_line]) for i in range(0, len(items), per_line))


def main():
    numerics = {(-1, -1, None): 0}
    records = {}
    rec14 = [intern(records, record_of(ud, chr(cp), numerics)) for cp in range(N)]
    rec32 = [intern(records, record_of(ud.ucd_3_2_0, chr(cp), numerics)) for cp in range(N)]
    blocks = {}
    index14 = two_level(rec14, blocks)
    index32 = two_level(rec32, blocks)
    offsets, ddata = decompositions()
    dblocks = {}
    dindex = two_level(offsets, dblocks)
    comps = compositions()
    seqs = named_sequences()
    fixes = corrections_3_2()
    assert len(records) < 1 << 16 and len(blocks) < 1 << 16 and len(ddata) < 1 << 16

    num_rows = []
    for (dec, dig, num), _ in sorted(numerics.items(), key=lambda kv: kv[1]):
        num_rows.append(f"    ({dec}, {dig}, {'f64::NAN' if num is None else repr(float(num))}),")
    rec_rows = [f"    ({a}, {b}, {c}, {d}, {e}, {g})," for (a, b, c, d, e, g), _ in sorted(records.items(), key=lambda kv: kv[1])]
    flat_blocks = [v for blk, _ in sorted(blocks.items(), key=lambda kv: kv[1]) for v in blk]
    flat_dblocks = [v for blk, _ in sorted(dblocks.items(), key=lambda kv: kv[1]) for v in blk]
    seq_rows = [f'    ("{n}", &[{", ".join(f"0x{c:X}" for c in cps)}]),' for n, cps in seqs]
    q = lambda xs: ", ".join(f'"{x}"' for x in xs)
    text = f"""//! The Unicode {ud.unidata_version} database of CPython 3.11's `unicodedata`
//! (and its `ucd_3_2_0`). GENERATED by `scripts/gen_unicodedata_tables.py`
//! from CPython itself: do not edit. Read by `unicodedata.rs`.

/// Shift of the two-level indexes: blocks of `1 << SHIFT` code points.
pub(crate) const SHIFT: u32 = {SHIFT};

/// General category names, indexed by a record's first field.
pub(crate) static CATEGORIES: &[&str] = &[{q(CATEGORIES)}];
/// Bidirectional class names, indexed by a record's second field.
pub(crate) static BIDI: &[&str] = &[{q(BIDI)}];
/// East Asian width names, indexed by a record's fourth field (low 7 bits).
pub(crate) static EAW: &[&str] = &[{q(EAW)}];
/// Decomposition tags, indexed by a DECOMP_DATA header's high bits.
pub(crate) static TAGS: &[&str] = &[{q(TAGS)}];

/// (category, bidirectional, combining, east_asian_width | mirrored << 7,
/// numeric index, quick check: 2 bits per form NFD NFKD NFC NFKC, 0 yes 1 maybe 2 no).
#[rustfmt::skip]
pub(crate) static RECORDS: &[(u8, u8, u8, u8, u16, u8)] = &[
{chr(10).join(rec_rows)}
];

/// (decimal, digit, numeric); -1 / NaN where the property is absent.
#[rustfmt::skip]
pub(crate) static NUMERICS: &[(i8, i8, f64)] = &[
{chr(10).join(num_rows)}
];

/// Unicode {ud.unidata_version}: code point >> SHIFT -> block of RECORD_BLOCKS.
#[rustfmt::skip]
pub(crate) static INDEX1_14: &[u16] = &[
{rows(index14, 24)}
];

/// Unicode 3.2.0 (`ucd_3_2_0`): code point >> SHIFT -> block of RECORD_BLOCKS.
#[rustfmt::skip]
pub(crate) static INDEX1_3_2: &[u16] = &[
{rows(index32, 24)}
];

/// Blocks of record indexes.
#[rustfmt::skip]
pub(crate) static RECORD_BLOCKS: &[u16] = &[
{rows(flat_blocks, 24)}
];

/// Code point >> SHIFT -> block of DECOMP_BLOCKS.
#[rustfmt::skip]
pub(crate) static DECOMP_INDEX1: &[u16] = &[
{rows(dindex, 24)}
];

/// Blocks of offsets into DECOMP_DATA (0: no decomposition).
#[rustfmt::skip]
pub(crate) static DECOMP_BLOCKS: &[u16] = &[
{rows(flat_dblocks, 24)}
];

/// Decompositions: a header (tag index << 8 | length), then the code points.
#[rustfmt::skip]
pub(crate) static DECOMP_DATA: &[u32] = &[
{rows(ddata, 12, lambda x: f"0x{x:X}")}
];

/// (first, second, composite), sorted: the pairs canonical composition joins.
#[rustfmt::skip]
pub(crate) static COMPOSITIONS: &[(u32, u32, u32)] = &[
{rows(comps, 4, lambda t: f"(0x{t[0]:X}, 0x{t[1]:X}, 0x{t[2]:X})")}
];

/// `ucd_3_2_0`'s NFD of these characters (sorted) is the second one.
pub(crate) static CORRECTIONS_3_2: &[(u32, u32)] = &[{", ".join(f"(0x{a:X}, 0x{b:X})" for a, b in fixes)}];

/// Named sequences (sorted by name) that `lookup` turns into several characters.
#[rustfmt::skip]
pub(crate) static NAMED_SEQUENCES: &[(&str, &[u32])] = &[
{chr(10).join(seq_rows)}
];
"""
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"records {len(records)}, numerics {len(numerics)}, blocks {len(blocks)}, decomp blocks {len(dblocks)}, "
          f"decomp data {len(ddata)}, compositions {len(comps)}, named sequences {len(seqs)}, 3.2 corrections {len(fixes)}; {len(text)} bytes")


main()
