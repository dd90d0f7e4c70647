"""Runs tests/programs on the Taipan VM with code compiled by CPython 3.11.

Until Taipan's own compiler handles the whole corpus, this isolates the VM:
each program is compiled by this (reference) interpreter, marshalled, and
run with `taipan --marshal`; stdout, exit status and the last stderr line
are compared with the committed expectations (.out/.err).

usage: python3.11 scripts/vm_corpus.py [--taipan target/release/taipan] [-v] [filter]
"""
import marshal
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    args = sys.argv[1:]
    taipan = os.path.join(ROOT, "target", "release", "taipan")
    verbose = False
    filt = ""
    while args:
        a = args.pop(0)
        if a == "--taipan":
            taipan = args.pop(0)
        elif a == "-v":
            verbose = True
        else:
            filt = a
    corpus = os.path.join(ROOT, "tests", "programs")
    progs = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(corpus)
        for f in fs
        if f.endswith(".py") and filt in os.path.join(d, f)
    )
    passed, failed = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for p in progs:
            rel = os.path.relpath(p, corpus)
            src = open(p, encoding="utf-8").read()
            try:
                code = compile(src, p, "exec")
            except SyntaxError:
                continue
            binp = os.path.join(tmp, "prog.bin")
            with open(binp, "wb") as f:
                f.write(marshal.dumps(code))
            exp_out = open(p[:-3] + ".out", "rb").read()
            errp = p[:-3] + ".err"
            exp_status, exp_last = 0, None
            if os.path.exists(errp):
                lines = open(errp, encoding="utf-8").read().splitlines()
                exp_status = int(lines[0].split()[1])
                exp_last = lines[1] if len(lines) > 1 else ""
            try:
                r = subprocess.run([taipan, "--marshal", binp], capture_output=True, timeout=30, cwd=os.path.dirname(p))
            except subprocess.TimeoutExpired:
                failed.append((rel, "timeout"))
                continue
            err_lines = [l for l in r.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
            last = err_lines[-1] if err_lines else ""
            ok = r.stdout == exp_out and r.returncode == exp_status and (exp_last is None or last == exp_last)
            if ok:
                passed += 1
            else:
                why = "stdout" if r.stdout != exp_out else f"status {r.returncode} != {exp_status}" if r.returncode != exp_status else f"stderr {last!r} != {exp_last!r}"
                failed.append((rel, why + ("" if r.returncode in (0, 1) else f" [rc {r.returncode}] {last}")))
    for rel, why in failed:
        print(f"FAIL {rel}: {why}")
    print(f"{passed}/{passed + len(failed)} programs pass")


if __name__ == "__main__":
    main()
