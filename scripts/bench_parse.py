"""Parse throughput, Taipan against CPython 3.11, in one run.

Takes every .py file of CPython's Lib/ (site-packages excluded; Lib is
$TAIPAN_STDLIB or this interpreter's stdlib) that CPython accepts, then
alternates, --alternations times: CPython parsing them all with
`compile(src, path, 'exec', ast.PyCF_ONLY_AST)` (best of --rounds), and
Taipan's `parse_bench` example parsing the same files (best of --rounds).
Sources are read into memory first; both parse from bytes (decoding
included) without type comments. Prints both MB/s figures (median over the
alternations) and the ratio. Run with the reference interpreter:

    python3.11 scripts/bench_parse.py [--alternations 3] [--rounds 2]
"""

import argparse
import ast
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lib_files(lib):
    """Every .py under `lib` except lib/site-packages, sorted (as the tests do)."""
    found = []
    for dirpath, dirnames, names in os.walk(lib):
        if dirpath == lib and "site-packages" in dirnames:
            dirnames.remove("site-packages")
        found += [os.path.join(dirpath, n) for n in names if n.endswith(".py")]
    return sorted(found)


def accepted_sources(files):
    """(path, bytes) of the files CPython parses without error."""
    out = []
    for path in files:
        with open(path, "rb") as f:
            src = f.read()
        try:
            compile(src, path, "exec", ast.PyCF_ONLY_AST)
        except (SyntaxError, ValueError):
            continue
        out.append((path, src))
    return out


def cpython_rate(sources, rounds):
    """Best MB/s of CPython over `rounds` passes."""
    size = sum(len(s) for _, s in sources)
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for path, src in sources:
            compile(src, path, "exec", ast.PyCF_ONLY_AST)
        best = max(best, size / 1e6 / (time.perf_counter() - start))
    return best


def taipan_rate(bench, listing, rounds):
    """Best MB/s of Taipan's parse_bench over `rounds` passes."""
    out = subprocess.run([bench, "--rounds", str(rounds), "--files-from", listing],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("best MB/s:"):
            return float(line.split(":")[1])
    raise RuntimeError("parse_bench printed no figure:\n" + out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alternations", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"run this with CPython 3.11, not {sys.version.split()[0]}")
    lib = os.environ.get("TAIPAN_STDLIB") or sysconfig.get_path("stdlib")
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "taipan-parser", "--example", "parse_bench"],
                   cwd=ROOT, check=True)
    bench = os.path.join(ROOT, "target", "release", "examples", "parse_bench")
    sources = accepted_sources(lib_files(lib))
    size = sum(len(s) for _, s in sources)
    print(f"{len(sources)} files CPython accepts, {size / 1e6:.2f} MB, from {lib}")
    print(f"CPython: {sys.executable}")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("".join(p + "\n" for p, _ in sources))
    cpy, tai = [], []
    try:
        for i in range(args.alternations):
            cpy.append(cpython_rate(sources, args.rounds))
            tai.append(taipan_rate(bench, listing.name, args.rounds))
            print(f"  alternation {i + 1}: CPython {cpy[-1]:.2f} MB/s, Taipan {tai[-1]:.2f} MB/s")
    finally:
        os.unlink(listing.name)
    c, t = statistics.median(cpy), statistics.median(tai)
    print(f"CPython 3.11: {c:.2f} MB/s (median)")
    print(f"Taipan:       {t:.2f} MB/s (median)")
    print(f"ratio Taipan/CPython: {t / c:.2f}x")


if __name__ == "__main__":
    main()
