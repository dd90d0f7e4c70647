"""CPython's reference ASTs for the whole-Lib differential test.

For every source file named on stdin (one path per line), computes what
`python3 -m ast -a FILE` computes -- `ast.parse(source_bytes, FILE,
type_comments=True)` then `ast.dump(tree, include_attributes=True,
indent=3)` -- or, when CPython rejects the file, the exception's class and
fields. Results go to a cache keyed by the SHA-256 of the file's content (and
the interpreter's version), so a rerun only parses files that changed.
Prints, for each input path in order, the path of its cache entry.

A cache entry is a text file whose first line is `OK` followed by the dump,
or `ERR` followed by `key: value` lines (kind, msg, lineno, offset,
end_lineno, end_offset; `None` when CPython has none; newlines in msg
written as `\\n`).

Run by crates/taipan-parser/tests/lib_corpus.rs; by hand:

    find LIB -name '*.py' | python3.11 scripts/ast_ref.py --cache target/ast-ref
"""

import argparse
import ast
import hashlib
import multiprocessing
import os
import sys

FIELDS = ("lineno", "offset", "end_lineno", "end_offset")


def error_entry(exc):
    """The `ERR` cache entry for an exception raised by `ast.parse`."""
    lines = ["ERR", f"kind: {type(exc).__name__}"]
    if isinstance(exc, SyntaxError):
        msg = exc.msg
    else:
        msg = str(exc)
    lines.append("msg: " + str(msg).replace("\n", "\\n"))
    for name in FIELDS:
        lines.append(f"{name}: {getattr(exc, name, None)}")
    return "\n".join(lines) + "\n"


def reference(path):
    """The cache entry text for the file at `path`."""
    with open(path, "rb") as f:
        source = f.read()
    try:
        tree = ast.parse(source, path, type_comments=True)
    except (SyntaxError, ValueError, UnicodeError, MemoryError, RecursionError) as exc:
        return error_entry(exc)
    return "OK\n" + ast.dump(tree, include_attributes=True, indent=3) + "\n"


def entry_path(cache, path):
    """The cache entry path for `path`'s current content."""
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return os.path.join(cache, digest + ".ref")


def build(job):
    """Worker: writes one cache entry atomically."""
    path, target = job
    text = reference(path)
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)
    os.replace(tmp, target)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", required=True, help="cache root directory")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    version = "py%d%d%d" % sys.version_info[:3]
    cache = os.path.join(args.cache, version)
    os.makedirs(cache, exist_ok=True)
    paths = [os.fsdecode(line.rstrip(b"\n")) for line in sys.stdin.buffer if line.strip()]
    targets = [entry_path(cache, p) for p in paths]
    todo = sorted({t: p for p, t in zip(paths, targets) if not os.path.exists(t)}.items())
    jobs = [(p, t) for t, p in todo]
    if jobs:
        print(f"ast_ref: computing {len(jobs)} reference dumps", file=sys.stderr)
        with multiprocessing.Pool(max(1, args.jobs)) as pool:
            for _ in pool.imap_unordered(build, jobs, chunksize=4):
                pass
    out = sys.stdout.buffer
    for target in targets:
        out.write(os.fsencode(target) + b"\n")
    out.flush()


if __name__ == "__main__":
    main()
