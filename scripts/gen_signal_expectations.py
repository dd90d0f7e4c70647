"""Writes tests/signals/NAME.expected for each tests/signals/NAME.py by
running CPython 3.11 the way crates/taipan/tests/signals.rs runs taipan:
in tests/signals, stdin a pipe left open, wait for the "ready" line, sleep
0.2 s, send SIGINT, wait (10 s at most). The file holds the exit status
("signal N" or "exit N"), then stdout and stderr (the directory's path
taken out of file names).

    python3.11 scripts/gen_signal_expectations.py [--check]
"""

import os
import signal
import subprocess
import sys
import time

HERE = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "signals"))
PYTHON = os.environ.get("TAIPAN_PYTHON", "/root/.pyenv/versions/3.11.7/bin/python3.11")


def run(exe, name):
    p = subprocess.Popen(
        [exe, name], cwd=HERE, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first = p.stdout.readline()
    time.sleep(0.2)
    p.send_signal(signal.SIGINT)
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    out = first + p.stdout.read()
    err = p.stderr.read()
    p.stdin.close()
    status = f"signal {-p.returncode}" if p.returncode < 0 else f"exit {p.returncode}"
    # Tracebacks name the script by its absolute path in CPython 3.11.
    err = err.decode().replace(os.path.realpath(HERE) + os.sep, "")
    return f"status: {status}\n--- stdout\n{out.decode()}--- stderr\n{err}"


def main():
    check = "--check" in sys.argv
    bad = 0
    for f in sorted(os.listdir(HERE)):
        if not f.endswith(".py"):
            continue
        text = run(PYTHON, f)
        path = os.path.join(HERE, f[:-3] + ".expected")
        if check:
            with open(path) as fh:
                if fh.read() != text:
                    print("differs:", f)
                    bad += 1
        else:
            with open(path, "w") as fh:
                fh.write(text)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
