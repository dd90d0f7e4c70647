#!/usr/bin/env python3
"""Generate the expectations of the program corpus (tests/programs/) with CPython 3.11.

Every ``tests/programs/<area>/<name>.py`` is run by the reference interpreter
($TAIPAN_PYTHON, else /root/.pyenv/versions/3.11.7/bin/python3.11, else
python3.11 on PATH) in the program's own directory, with PYTHONHASHSEED=0,
PYTHONIOENCODING=utf-8 and PYTHONDONTWRITEBYTECODE=1.  What it printed is written beside the program:

* ``<name>.out``: the stdout bytes, always;
* ``<name>.err``: only when the exit status is not 0, the two lines
  ``status N`` and the last non-empty line of stderr (for an uncaught
  exception, ``Kind: message``).

The harness crates/taipan/tests/programs.rs runs ``taipan`` the same way and
compares.  Usage::

    python3.11 scripts/gen_program_expectations.py            # everything
    python3.11 scripts/gen_program_expectations.py PATH...    # files or directories
    python3.11 scripts/gen_program_expectations.py --check    # verify committed files

Expectations are never written by hand.
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "programs"
DEFAULT_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python3.11"
TIMEOUT_S = 10


def reference_python():
    """The interpreter that defines the expectations ($TAIPAN_PYTHON, the pinned 3.11.7, or python3.11)."""
    if os.environ.get("TAIPAN_PYTHON"):
        return os.environ["TAIPAN_PYTHON"]
    return DEFAULT_PYTHON if os.path.exists(DEFAULT_PYTHON) else "python3.11"


def program_env():
    """The environment every program runs in (the harness uses the same)."""
    env = dict(os.environ)
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def last_stderr_line(stderr):
    """The last non-empty line of stderr, decoded leniently, without its newline."""
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_program(python, path):
    """Run one program; returns (stdout bytes, err text or None)."""
    try:
        proc = subprocess.run(
            [python, path.name],
            cwd=path.parent,
            env=program_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise SystemExit(f"{path}: timed out on CPython (programs must be fast)")
    if proc.returncode == 0:
        return proc.stdout, None
    return proc.stdout, f"status {proc.returncode}\n{last_stderr_line(proc.stderr)}\n"


def collect(paths):
    """Every program under the given files/directories (default: the corpus)."""
    found = []
    for p in paths or [CORPUS]:
        p = Path(p).resolve()
        if p.is_dir():
            found.extend(sorted(p.rglob("*.py")))
        elif p.suffix == ".py":
            found.append(p)
    return sorted(found)


def expected_files(path, out, err):
    """The files that should sit beside `path`: {Path: bytes or None (absent)}."""
    return {
        path.with_suffix(".out"): out,
        path.with_suffix(".err"): None if err is None else err.encode("utf-8"),
    }


def apply(files, check):
    """Write (or, with check, compare) the expectation files; returns problems."""
    problems = []
    for f, content in files.items():
        current = f.read_bytes() if f.exists() else None
        if current == content:
            continue
        if check:
            state = "missing" if current is None else ("should not exist" if content is None else "stale")
            problems.append(f"{f.relative_to(ROOT)}: {state}")
        elif content is None:
            f.unlink()
        else:
            f.write_bytes(content)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="programs or directories (default: tests/programs)")
    parser.add_argument("--check", action="store_true", help="only verify the committed expectations")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    python = reference_python()
    programs = collect(args.paths)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda p: run_program(python, p), programs))
    problems = []
    for path, (out, err) in zip(programs, results):
        problems += apply(expected_files(path, out, err), args.check)
    failing = sum(err is not None for _, err in results)
    if args.check:
        for p in problems:
            print(p)
        print(f"checked {len(programs)} programs ({failing} failing ones): {len(problems)} problems")
        return 1 if problems else 0
    print(f"wrote expectations for {len(programs)} programs ({failing} exit non-zero)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
