"""Differential check of taipan_parser against CPython 3.11 on any inputs.

For every file given (directories are walked; any file name, so a fuzzing
corpus such as fuzz/corpus/parse works), compares what CPython's
`python -m ast -a` does with what target/release/examples/dump_ast does:
both accept and print the same tree, or both reject with the same
`Kind: message` line and the same `line N`. Inputs on which CPython raises
something other than a SyntaxError (RecursionError, MemoryError) are
skipped. Mismatching inputs are copied to --save DIR (default
target/diff-corpus/) with a .why file, ready to become fixtures.

    python3.11 scripts/diff_corpus.py fuzz/corpus/parse [--mode exec] [--show 20]
"""

import argparse
import ast
import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def inputs(paths):
    """Every regular file under `paths`, sorted."""
    found = []
    for top in paths:
        if os.path.isfile(top):
            found.append(top)
        for dirpath, _, names in os.walk(top):
            found += [os.path.join(dirpath, n) for n in names]
    return sorted(found)


def cpython(source, mode):
    """('tree', dump) or ('error', 'Kind: msg', lineno), or None to skip."""
    try:
        tree = ast.parse(source, "input.py", mode, type_comments=True)
    except SyntaxError as exc:
        return ("error", f"{type(exc).__name__}: {exc.msg}", exc.lineno)
    except (RecursionError, MemoryError, ValueError):
        return None
    try:
        return ("tree", ast.dump(tree, include_attributes=True, indent=3))
    except RecursionError:
        return None


def taipan(dump_ast, path, mode):
    """The same triple from dump_ast's output; ('crash', why) on a crash or hang."""
    try:
        proc = subprocess.run([dump_ast, "--mode", mode, path], capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return ("crash", "timeout (20 s)")
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode == 0:
        return ("tree", out[:-1] if out.endswith("\n") else out)
    if proc.returncode != 1:
        return ("crash", f"exit status {proc.returncode}: {err.strip().splitlines()[-1:] }")
    lines = err.splitlines()
    lineno = None
    for line in lines:
        if line.startswith('  File "') and ", line " in line:
            lineno = int(line.rsplit(" ", 1)[1])
    return ("error", lines[-1] if lines else "", lineno)


def describe(result):
    """A short text for a result triple."""
    if result[0] == "tree":
        return "accepted"
    if result[0] == "crash":
        return "CRASH " + result[1]
    return f"{result[1]} (line {result[2]})"


def compare(path, dump_ast, mode):
    """None when both agree (or CPython's answer is unusable), else a reason."""
    with open(path, "rb") as f:
        source = f.read()
    expected = cpython(source, mode)
    if expected is None:
        return None
    got = taipan(dump_ast, path, mode)
    if expected[0] == "error" and got[0] == "error" and expected[2] in (None, 0) and got[2] == 0:
        got = got[:2] + (expected[2],)
    if expected == got:
        return None
    if expected[0] == got[0] == "tree":
        return "trees differ"
    return f"CPython: {describe(expected)} / taipan: {describe(got)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--mode", default="exec", choices=("exec", "eval", "single", "func_type"))
    parser.add_argument("--show", type=int, default=20, help="mismatches to print")
    parser.add_argument("--save", default=os.path.join(ROOT, "target", "diff-corpus"))
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"run this with CPython 3.11, not {sys.version.split()[0]}")
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "taipan-parser", "--example", "dump_ast"],
                   cwd=ROOT, check=True)
    dump_ast = os.path.join(ROOT, "target", "release", "examples", "dump_ast")
    files = inputs(args.paths)
    os.makedirs(args.save, exist_ok=True)
    bad = []
    for path in files:
        why = compare(path, dump_ast, args.mode)
        if why:
            bad.append((path, why))
            with open(path, "rb") as f:
                data = f.read()
            name = hashlib.sha1(data).hexdigest()[:12]
            shutil.copyfile(path, os.path.join(args.save, name + ".py"))
            with open(os.path.join(args.save, name + ".why"), "w") as f:
                f.write(why + "\n")
    for path, why in bad[: args.show]:
        print(f"{path}: {why}")
    print(f"diff_corpus: {len(files) - len(bad)} / {len(files)} agree; mismatches saved in {args.save}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
