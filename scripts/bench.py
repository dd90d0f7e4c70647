#!/usr/bin/env python3
"""Benchmark Taipan against CPython 3.11 on the programs in benchmarks/.

Each benchmarks/<name>.py uses only builtins, runs for about 0.5-2 s on
CPython and prints a checksum.  For every program the interpreters run
alternately (CPython, Taipan[, PyPy], CPython, ...) --runs times; a run
counts only if it exits 0 and prints exactly what CPython printed, otherwise
the program is FAILED for that interpreter (and not run again by it).  The
table gives each interpreter's median wall-clock time and the ratio
taipan/cpython (below 1 means Taipan is faster), then the geometric mean of
the ratios over the programs Taipan ran correctly and the number it failed.

    python3.11 scripts/bench.py [--runs 3] [--filter nbody] [--cpu] [--taipan PATH]
                                [--python PATH] [--pypy [PATH]]

Timing is wall-clock and includes start-up; on a busy machine use --cpu
(user + system CPU time of the child) and/or --runs 5.  This is a
measurement tool, never a test.
"""

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
DEFAULT_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python3.11"
TIMEOUT_S = 60
CPU_TIME = False  # set by --cpu


class Interpreter:
    """One interpreter under measurement and its results per program."""

    def __init__(self, label, path):
        self.label = label
        self.path = path
        self.times = {}
        self.failed = {}

    def run(self, program, expected):
        """Times one run; records a failure (and returns False) on wrong output."""
        if program.name in self.failed:
            return False
        elapsed, status, out, err = timed_run(self.path, program)
        if status != 0 or (expected is not None and out != expected):
            self.failed[program.name] = describe_failure(status, out, err, expected)
            return False
        self.times.setdefault(program.name, []).append(elapsed)
        return True

    def median(self, name):
        runs = self.times.get(name)
        return statistics.median(runs) if runs and name not in self.failed else None


def program_env():
    env = dict(os.environ)
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def children_cpu_seconds():
    """User + system CPU time of all finished children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(exe, program):
    """Runs exe on program; returns (seconds, status, stdout, stderr).

    Seconds are wall-clock, or CPU time (user + system) with --cpu."""
    clock = children_cpu_seconds if CPU_TIME else time.perf_counter
    start = clock()
    try:
        proc = subprocess.run(
            [exe, program.name],
            cwd=program.parent,
            env=program_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return TIMEOUT_S, "timeout", b"", b""
    except OSError as e:
        return 0.0, f"cannot run: {e}", b"", b""
    return clock() - start, proc.returncode, proc.stdout, proc.stderr


def describe_failure(status, out, err, expected):
    if status == "timeout":
        return f"timed out after {TIMEOUT_S} s"
    if status != 0:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return f"status {status}: {last[0][:70]}"
    return f"output {out[:40]!r} != {expected[:40]!r}"


def real_executable(python):
    """The interpreter's own executable (not a pyenv shim)."""
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip() or python
    except (OSError, subprocess.CalledProcessError):
        return python


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--taipan", default=str(ROOT / "target" / "release" / "taipan"))
    parser.add_argument("--python", default=os.environ.get("TAIPAN_PYTHON") or DEFAULT_PYTHON)
    parser.add_argument("--pypy", nargs="?", const="pypy3", default=None, help="add a PyPy column (default pypy3)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--filter", default="", help="only programs whose name contains this")
    parser.add_argument("--cpu", action="store_true", help="time user+system CPU instead of wall-clock")
    return parser.parse_args()


def interpreters(args):
    """CPython (the reference), Taipan and, if asked and found, PyPy."""
    found = [Interpreter("cpython", real_executable(args.python)), Interpreter("taipan", args.taipan)]
    if args.pypy:
        pypy = shutil.which(args.pypy)
        if pypy:
            found.append(Interpreter("pypy", pypy))
        else:
            print(f"note: {args.pypy} not found, no PyPy column", file=sys.stderr)
    return found


def measure(program, interps, runs):
    """Alternates the interpreters on one program, CPython's output as reference."""
    reference, *others = interps
    _, status, expected, err = timed_run(reference.path, program)  # warm-up, and the expected output
    if status != 0:
        reference.failed[program.name] = describe_failure(status, expected, err, None)
        return
    for _ in range(runs):
        reference.run(program, expected)
        for interp in others:
            interp.run(program, expected)


def fmt_time(t):
    return f"{t:9.3f}" if t is not None else "   FAILED"


def print_table(programs, interps):
    reference, *others = interps
    head = f"{'program':<24}" + "".join(f"{i.label + ' s':>11}" for i in interps)
    head += "".join(f"{i.label + '/cpy':>12}" for i in others)
    print(head)
    print("-" * len(head))
    for p in programs:
        base = reference.median(p.name)
        row = f"{p.stem:<24}" + "".join(f"  {fmt_time(i.median(p.name))}" for i in interps)
        for i in others:
            t = i.median(p.name)
            row += f"{t / base:12.2f}" if t is not None and base else f"{'-':>12}"
        print(row)
    print("-" * len(head))
    for i in others:
        print(summary(i, reference, programs))
    for i in interps:
        for name, why in sorted(i.failed.items()):
            print(f"  {i.label} FAILED {name}: {why}")


def summary(interp, reference, programs):
    ratios = [
        interp.median(p.name) / reference.median(p.name)
        for p in programs
        if interp.median(p.name) is not None and reference.median(p.name)
    ]
    failed = sum(p.name in interp.failed for p in programs)
    gmean = math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else float("nan")
    return (
        f"{interp.label}: geometric mean of {interp.label}/cpython over {len(ratios)} correct programs: "
        f"{gmean:.3f}; failed: {failed} of {len(programs)}"
    )


def main():
    global CPU_TIME
    args = parse_args()
    CPU_TIME = args.cpu
    programs = sorted(p for p in BENCH_DIR.glob("*.py") if args.filter in p.stem)
    if not programs:
        print(f"no benchmark matches {args.filter!r}", file=sys.stderr)
        return 2
    interps = interpreters(args)
    for p in programs:
        print(f"running {p.stem} ...", file=sys.stderr, flush=True)
        measure(p, interps, args.runs)
    print_table(programs, interps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
