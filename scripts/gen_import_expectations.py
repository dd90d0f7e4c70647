#!/usr/bin/env python3.11
"""Expected outputs of the import scenarios (tests/imports/<scenario>/),
produced by CPython 3.11 and checked by crates/taipan/tests/import_scenarios.rs.

Each scenario directory is a small tree of modules. Its commands are the
files named `cmd*` (one line: the arguments, e.g. `-m app one two`,
after optional leading `NAME=VALUE` words that set environment variables,
e.g. `PYTHONPATH=lib1:lib2 main.py`), or `main.py` if there are none. Each command runs in a fresh copy of the
directory with `-B` semantics (PYTHONDONTWRITEBYTECODE=1, PYTHONHASHSEED=0);
`<command>.expected` records stdout, then `--- status N` and, for a
non-zero status, the last non-empty stderr line.

Run: /root/.pyenv/versions/3.11.7/bin/python3.11 scripts/gen_import_expectations.py
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'imports')


def commands(scenario_dir):
    cmds = sorted(f for f in os.listdir(scenario_dir) if f.startswith('cmd') and not f.endswith('.expected'))
    if not cmds:
        return [('main', ['main.py'])]
    return [(c, open(os.path.join(scenario_dir, c)).read().split()) for c in cmds]


def split_env(words):
    """(environment variables, arguments) of a command's words."""
    env = {}
    while words and '=' in words[0] and not words[0].startswith('-'):
        name, _, value = words.pop(0).partition('=')
        env[name] = value
    return env, words


def record(stdout, stderr, status):
    lines = [l for l in stderr.splitlines() if l.strip()]
    out = stdout + f'--- status {status}\n'
    if status != 0 and lines:
        # runpy's messages start with the interpreter's path.
        out += lines[-1].replace(sys.executable + ': ', 'EXECUTABLE: ', 1) + '\n'
    return out


def main():
    assert sys.version_info[:2] == (3, 11), 'run with CPython 3.11'
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE='1', PYTHONHASHSEED='0', PYTHONIOENCODING='utf-8')
    env.pop('PYTHONPATH', None)
    for scenario in sorted(os.listdir(ROOT)):
        src = os.path.join(ROOT, scenario)
        for name, words in commands(src):
            extra, args = split_env(words)
            with tempfile.TemporaryDirectory() as tmp:
                work = os.path.join(tmp, scenario)
                shutil.copytree(src, work, ignore=shutil.ignore_patterns('*.expected', '__pycache__'))
                r = subprocess.run([sys.executable] + args, cwd=work, env=dict(env, **extra),
                                   capture_output=True, text=True)
            with open(os.path.join(src, name + '.expected'), 'w') as f:
                f.write(record(r.stdout, r.stderr, r.returncode))
            print(scenario, name, 'status', r.returncode)


main()
