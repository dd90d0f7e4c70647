#!/usr/bin/env python3.11
"""Compares two .pyc files (e.g. Taipan's and CPython's for one source) by
what their marshal data holds: for each role (a code object's field such as
`linetable` or `names.item`, or `top`) and type code (`R` when flagged for
back-references, `r` a back-reference), how many objects and how many bytes.
Only the rows that differ are printed, biggest byte difference first, then
the totals.

Run: python3.11 scripts/pyccount.py a.taipan-311.pyc a.cpython-311.pyc
"""
import sys
from collections import Counter

HEADER = 16  # PEP 552: magic, flags, and mtime+size or a source hash
CODE_FIELDS = ('code', 'consts', 'names', 'lpnames', 'lpkinds', 'filename', 'name', 'qualname')


def walk(data):
    """(count, bytes) per `role:type` of the marshal data `data`."""
    count, size = Counter(), Counter()
    pos = 0

    def long():
        nonlocal pos
        value = int.from_bytes(data[pos:pos + 4], 'little', signed=True)
        pos += 4
        return value

    def obj(role):
        nonlocal pos
        start = pos
        code = data[pos]
        pos += 1
        kind, flagged = chr(code & 0x7f), code & 0x80
        if kind in 'NTF.S0':
            pass
        elif kind == 'i':
            pos += 4
        elif kind == 'g':
            pos += 8
        elif kind == 'y':
            pos += 16
        elif kind == 'l':
            digits = abs(long())  # read before `pos +=` takes pos
            pos += 2 * digits
        elif kind in 'sutaA':
            n = long()
            pos += n
        elif kind in 'zZ':
            pos += 1 + data[pos]
        elif kind == ')':
            n = data[pos]
            pos += 1
            for _ in range(n):
                obj(role + '.item')
        elif kind in '([<>':
            for _ in range(long()):
                obj(role + '.item')
        elif kind == '{':
            while data[pos] != ord('0'):
                obj(role + '.k')
                obj(role + '.v')
            pos += 1
        elif kind == 'r':
            pos += 4
        elif kind == 'c':
            pos += 20
            for field in CODE_FIELDS:
                obj(field)
            pos += 4
            obj('linetable')
            obj('exctable')
        else:
            raise ValueError(f'unknown type code {kind!r} at {start}')
        key = f"{role}:{kind}{'R' if flagged else ''}"
        count[key] += 1
        if kind not in 'c)([<>{':  # containers: their items count instead
            size[key] += pos - start

    obj('top')
    return count, size


def main():
    a, b = (open(path, 'rb').read() for path in sys.argv[1:3])
    (ca, sa), (cb, sb) = walk(a[HEADER:]), walk(b[HEADER:])
    for key in sorted(set(ca) | set(cb), key=lambda k: -abs(sa[k] - sb[k])):
        if ca[key] != cb[key] or sa[key] != sb[key]:
            print('%-30s first %5d n %6d bytes   second %5d n %6d bytes' % (key, ca[key], sa[key], cb[key], sb[key]))
    print('%-30s first %14d bytes   second %14d bytes' % ('file', len(a), len(b)))


if __name__ == '__main__':
    main()
