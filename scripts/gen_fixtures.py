"""Generates the expectations of the parser fixtures by running CPython 3.11.

Fixtures live in crates/taipan-parser/tests/fixtures/:

* valid/<area>/<name>.py   -> <name>.ast: what `python3 -m ast -a FILE` prints
* invalid/<area>/<name>.py -> <name>.err: the SyntaxError's fields as
  `ast.parse(source, "<name>.py", type_comments=True)` raises it, then what
  `python3 -m ast -a <name>.py` prints for it (the tail of its stderr)

A file named <name>.<mode>.py (mode: eval, single, func_type) is parsed in
that mode (`-m MODE`). Expectations are never written by hand: change a
snippet, then rerun this script. It refuses valid fixtures that CPython
rejects and invalid ones that CPython accepts (with --prune it deletes the
latter, for snippets that turned out to be valid or compiler-stage errors).

    python3.11 scripts/gen_fixtures.py [--prune] [--check] [PATH ...]

--check only reports expectations that are missing or out of date.
"""

import argparse
import ast
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "crates", "taipan-parser", "tests", "fixtures")
MODES = ("eval", "single", "func_type")
FIELDS = ("lineno", "offset", "end_lineno", "end_offset")


def mode_of(path):
    """The parse mode given by a fixture's name (`x.eval.py` -> eval)."""
    stem = os.path.basename(path)[: -len(".py")]
    suffix = stem.rsplit(".", 1)[-1] if "." in stem else ""
    return suffix if suffix in MODES else "exec"


def run_ast_main(path):
    """Runs `python -m ast -a [-m MODE] NAME` in the fixture's directory."""
    cmd = [sys.executable, "-m", "ast", "-a", "-m", mode_of(path), os.path.basename(path)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(cmd, cwd=os.path.dirname(path), capture_output=True, env=env)


def rendered_error(path, stderr):
    """The SyntaxError's own lines at the end of the traceback in `stderr`."""
    lines = stderr.decode("utf-8", "surrogateescape").splitlines(True)
    head = '  File "%s", line' % os.path.basename(path)
    starts = [i for i, line in enumerate(lines) if line.startswith(head)]
    return "".join(lines[starts[-1]:] if starts else lines[-1:])


def error_fields(exc):
    """`key: value` lines of an exception, as tests/common/mod.rs formats ours."""
    msg = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    lines = [f"kind: {type(exc).__name__}", "msg: " + str(msg).replace("\n", "\\n")]
    lines += [f"{name}: {getattr(exc, name, None)}" for name in FIELDS]
    return "".join(line + "\n" for line in lines)


def parse(path):
    """`ast.parse` of the fixture as `python -m ast` calls it: the exception or None."""
    with open(path, "rb") as f:
        source = f.read()
    try:
        ast.parse(source, os.path.basename(path), mode_of(path), type_comments=True)
    except (SyntaxError, ValueError, UnicodeError) as exc:
        return exc
    except (RecursionError, MemoryError) as exc:
        raise Unusable(f"CPython raises {type(exc).__name__}, not a SyntaxError") from exc
    return None


class Unusable(ValueError):
    """A snippet that has no SyntaxError expectation (deleted by --prune)."""


def expect_valid(path):
    """The .ast text for a valid fixture, or raises ValueError."""
    exc = parse(path)
    if exc is not None:
        raise ValueError(f"CPython rejects it: {type(exc).__name__}: {exc}")
    proc = run_ast_main(path)
    if proc.returncode != 0:
        raise ValueError("python -m ast failed:\n" + proc.stderr.decode(errors="replace"))
    return proc.stdout.decode("utf-8", "surrogateescape")


def expect_invalid(path):
    """The .err text for an invalid fixture, or None when CPython accepts it."""
    exc = parse(path)
    if exc is None:
        return None
    mode = mode_of(path)
    name = os.path.basename(path)
    proc = run_ast_main(path)
    version = "%d.%d" % sys.version_info[:2]
    head = f"# CPython {version}: ast.parse(source, {name!r}, {mode!r}, type_comments=True) raises\n"
    tail = f"# python3.11 -m ast -a -m {mode} {name} prints, after the traceback:\n"
    return head + error_fields(exc) + tail + rendered_error(path, proc.stderr)


def fixture_files(paths):
    """Every fixture .py under `paths` (default: all fixtures), sorted."""
    found = []
    for top in paths or [FIXTURES]:
        if os.path.isfile(top):
            found.append(os.path.abspath(top))
            continue
        for dirpath, _, names in os.walk(top):
            found += [os.path.join(dirpath, n) for n in names if n.endswith(".py")]
    return sorted(found)


def process(path, args):
    """Regenerates one expectation; returns a problem description or None."""
    invalid = os.sep + "invalid" + os.sep in path
    out = path[: -len(".py")] + (".err" if invalid else ".ast")
    try:
        text = expect_invalid(path) if invalid else expect_valid(path)
    except Unusable as err:
        text = None if invalid else f"{path}: {err}"
        if not invalid:
            return text
    except ValueError as err:
        return f"{path}: {err}"
    if text is None:
        if args.prune:
            os.remove(path)
            if os.path.exists(out):
                os.remove(out)
            return None
        return f"{path}: CPython accepts this invalid snippet (use --prune to delete it)"
    old = open(out, encoding="utf-8", errors="surrogateescape").read() if os.path.exists(out) else None
    if old == text:
        return None
    if args.check:
        return f"{out}: expectation missing or out of date"
    with open(out, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
        f.write(text)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prune", action="store_true", help="delete invalid snippets CPython accepts")
    parser.add_argument("--check", action="store_true", help="write nothing; report stale expectations")
    parser.add_argument("paths", nargs="*", help="fixture files or directories (default: all)")
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"gen_fixtures.py must run on CPython 3.11, not {sys.version.split()[0]}")
    files = fixture_files(args.paths)
    problems = [p for p in (process(f, args) for f in files) if p]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"gen_fixtures: {len(files)} fixtures, {len(problems)} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
