#!/usr/bin/env python3.11
"""Run CPython 3.11's own unit tests (Lib/test) under Taipan and CPython.

Each test module runs as `INTERPRETER -m unittest test.MODULE` in its own
process with a timeout, from a scratch directory, and the script prints
one table row per module: tests run, failures, errors, skipped for both
interpreters, and what went wrong with Taipan when it did not finish
normally (timeout, crash by signal, Rust panic, module failed to import).

    python3.11 scripts/run_cpython_tests.py                    # the default list
    python3.11 scripts/run_cpython_tests.py test_int test_list # chosen modules
    python3.11 scripts/run_cpython_tests.py --timeout 300 --no-cpython
    python3.11 scripts/run_cpython_tests.py --markdown          # table for docs/testing.md
    python3.11 scripts/run_cpython_tests.py --show test_int     # Taipan's output of one module

The standard library (and so Lib/test) is the running interpreter's
(`sysconfig.get_path("stdlib")`), passed to Taipan as TAIPAN_STDLIB, so both
run the same test files. Nothing here asserts: it is a measurement.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TAIPAN = ROOT / "target" / "release" / "taipan"

# The core types and builtins, in the order of the brief.
DEFAULT_MODULES = """
test_bool test_int test_float test_complex test_str test_string test_unicode
test_bytes test_list test_tuple test_dict test_set test_range test_slice
test_enumerate test_builtin test_format test_fstring test_augassign test_scope
test_class test_descr test_exceptions test_raise test_with test_contextlib
test_iter test_genexps test_generators test_functools test_itertools
test_collections test_operator test_math test_random test_json test_textwrap
test_keywordonlyarg test_unpack test_opcodes test_grammar test_dataclasses
test_enum test_types test_typing
""".split()

SUMMARY_RAN = re.compile(r"^Ran (\d+) tests? in ", re.M)
SUMMARY_COUNTS = re.compile(r"(failures|errors|skipped|expected failures|unexpected successes)=(\d+)")
FINAL_LINE = re.compile(r"^(OK|FAILED)\b.*$", re.M)


class Result:
    """What one interpreter did with one test module."""

    def __init__(self, ran=None, failures=0, errors=0, skipped=0, status="", seconds=0.0, output=""):
        self.ran, self.failures, self.errors, self.skipped = ran, failures, errors, skipped
        self.status, self.seconds, self.output = status, seconds, output

    def passed(self):
        """Tests run minus those that failed, errored or were skipped (a
        lower bound: failures and errors count subtests, so can outnumber
        the tests)."""
        if self.ran is None:
            return None
        return max(0, self.ran - self.failures - self.errors - self.skipped)

    def cell(self):
        if self.ran is None:
            return "-"
        return f"{self.ran}/{self.failures}/{self.errors}/{self.skipped}"


def parse_output(text):
    """Counts from unittest's closing lines (the last summary wins)."""
    ran = SUMMARY_RAN.findall(text)
    res = Result()
    if not ran:
        return res
    res.ran = int(ran[-1])
    last = list(FINAL_LINE.finditer(text))
    if last:
        for key, num in SUMMARY_COUNTS.findall(last[-1].group(0)):
            if key in ("failures", "errors", "skipped"):
                setattr(res, key, int(num))
    return res


def classify(proc_rc, text, timed_out):
    """Why a run did not end normally, or '' when it did."""
    if timed_out:
        return "timeout"
    if "panicked at" in text:
        return "PANIC"
    if proc_rc is not None and proc_rc < 0:
        return "signal " + signal.Signals(-proc_rc).name
    if "Failed to import test module" in text:
        return "import error"
    if not SUMMARY_RAN.search(text):
        return f"no summary (exit {proc_rc})"
    return ""


def run_one(interpreter, module, timeout, env, cwd):
    start = time.monotonic()
    cmd = [str(interpreter), "-m", "unittest", f"test.{module}"]
    timed_out = False
    try:
        proc = subprocess.run(
            cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=timeout, start_new_session=True,
        )
        out, rc = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as exc:
        out, rc, timed_out = exc.stdout or b"", None, True
    text = out.decode("utf-8", "replace")
    res = parse_output(text)
    res.status = classify(rc, text, timed_out)
    res.seconds = time.monotonic() - start
    res.output = text
    return res


def interpreter_env(stdlib):
    env = dict(os.environ)
    env["TAIPAN_STDLIB"] = stdlib
    env.pop("PYTHONPATH", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def first_problem(text):
    """The line naming the first error, for the table's last column."""
    for line in text.splitlines():
        if "panicked at" in line:
            return line.strip()[:100]
    for line in reversed(text.splitlines()):
        if re.match(r"^\w*(Error|Exception)\b", line):
            return line.strip()[:100]
    return ""


def print_table(rows, markdown):
    head = ["module", "CPython ran/fail/err/skip", "Taipan ran/fail/err/skip", "Taipan passed", "note"]
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
    else:
        print(f"{head[0]:<22} {head[1]:>26} {head[2]:>26} {head[3]:>14}  {head[4]}")
    for module, cp, tp in rows:
        cpass = cp.passed() if cp else None
        tpass = tp.passed()
        passed = "-" if tpass is None else (f"{tpass}/{cpass}" if cpass is not None else str(tpass))
        note = tp.status
        if tp.status == "import error":
            note += ": " + first_problem(tp.output)
        cells = [module, cp.cell() if cp else "", tp.cell(), passed, note]
        if markdown:
            print("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        else:
            print(f"{cells[0]:<22} {cells[1]:>26} {cells[2]:>26} {cells[3]:>14}  {cells[4]}")
    done = [tp for _, _, tp in rows if tp.ran is not None]
    total_t = sum(tp.passed() for tp in done)
    total_c = sum(cp.passed() for _, cp, tp in rows if cp and cp.passed() is not None)
    print(f"\nTaipan passed {total_t} tests; CPython passed {total_c}; "
          f"{sum(1 for _, _, tp in rows if tp.status)} of {len(rows)} modules ended abnormally")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("modules", nargs="*", help="test modules (default: the core-types list)")
    ap.add_argument("--taipan", default=str(DEFAULT_TAIPAN))
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per module and interpreter")
    ap.add_argument("--no-cpython", action="store_true", help="run Taipan only")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--show", action="store_true", help="print Taipan's full output of each module")
    ap.add_argument("--stdlib", default=sysconfig.get_path("stdlib"), help="the Lib/ both run (default: this interpreter's)")
    args = ap.parse_args()

    stdlib = args.stdlib
    env = interpreter_env(stdlib)
    modules = args.modules or DEFAULT_MODULES
    modules = [m for m in modules if (Path(stdlib) / "test" / (m + ".py")).exists()
               or (Path(stdlib) / "test" / m).is_dir()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="taipan-cpytests-") as cwd:
        for module in modules:
            tp = run_one(args.taipan, module, args.timeout, env, cwd)
            cp = None if args.no_cpython else run_one(sys.executable, module, args.timeout, env, cwd)
            rows.append((module, cp, tp))
            if args.show:
                print(tp.output)
            print(f"# {module}: taipan {tp.cell()} {tp.status} ({tp.seconds:.1f}s)", file=sys.stderr, flush=True)
    print_table(rows, args.markdown)


if __name__ == "__main__":
    main()
