#!/usr/bin/env python3.11
"""The import benchmark of issue 4: a generated package of 200 modules
(about 2 MB of source) imported cold (no caches) and warm (caches
present) by Taipan and CPython 3.11, side by side in one run.

Each measurement is a whole process (`X -S -E main.py`, where main.py
imports the package, whose __init__ imports all 200 modules); runs of
Taipan and CPython alternate, and the medians of wall-clock and CPU time (user+sys) are reported,
with the ratios and the start-up time of each interpreter alone
(`-S -E -c pass`).
Cold: no __pycache__ exists when the run starts. Warm: the caches the
previous run wrote are present.

How caches are cleared matters. This machine's /tmp is ext4 without a
journal, where allocating an inode skips every inode of the same block
group deleted in the last 60 s (360 s while the inode table is still
dirty): `find_inode_bit` -> `recently_deleted` reads each of them for
each new file. After a mass deletion in the package's block group, each
of the 200 new caches pays a scan past all the deleted inodes: 60-110 ms
of system time per cold run, about the same for both interpreters, which
belongs to the harness (or to whatever deleted files there before), not
to importing. Two things keep the harness out of it:
- each __pycache__ is renamed into a trash directory outside the package
  and the trash is deleted after all runs (`--delete-caches` restores
  rmtree before each cold run, for comparison);
- the package and the trash are created under a parent directory marked
  as a top of a directory hierarchy for ext4's Orlov allocator
  (FS_TOPDIR_FL, `chattr +T`), so that each run's directories, and with
  them their files' inodes, are spread to a fresh block group instead of
  the group the previous run just deleted 3,000 caches from. Where the
  flag cannot be set (another filesystem) nothing changes.
The CPU table also shows user and system time apart, so that a run hit
by the kernel cost anyway can be told from one that is not.

Run: /root/.pyenv/versions/3.11.7/bin/python3.11 scripts/bench_import.py [--runs N] [--taipan PATH]
Profile: ... scripts/bench_import.py --generate DIR, then
  valgrind --tool=callgrind taipan -S -E DIR/main.py  (after removing DIR's __pycache__ dirs for cold)
"""
import argparse
import array
import fcntl
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
MODULES = 200
BLOCKS = 19  # function + class groups per module: ~10 KB each


def module_source(i):
    lines = [f'"""Module m{i:03d} of the generated import benchmark package."""', '']
    for j in range(max(0, i - 3), i):
        lines.append(f'from . import m{j:03d}')
    lines.append('')
    for k in range(BLOCKS):
        lines += [
            f'CONST_{k} = {k} * 3 + {i}',
            f'NAME_{k} = "value-{i}-{k}"',
            f'def func_{k}(a, b={k}, *args, **kwargs):',
            f'    """Function {k} of module {i}."""',
            '    total = a + b',
            '    for step in range(3):',
            f'        total += step * {k}',
            '    if total > 10 and not args:',
            f'        return [total, a, b, CONST_{k}]',
            f'    return {{"total": total, "k": {k}, "extra": kwargs}}',
            '',
            f'class Class_{k}:',
            f'    attr = {k}',
            '    def __init__(self, value):',
            '        self.value = value',
            '    def method(self, w):',
            f'        return self.value * w + {k}',
            '    @property',
            '    def prop(self):',
            '        return self.value',
            '',
        ]
    lines.append(f'RESULT = func_0({i})')
    return '\n'.join(lines) + '\n'


def generate(root):
    pkg = os.path.join(root, 'benchpkg')
    os.makedirs(pkg)
    size = 0
    for i in range(MODULES):
        src = module_source(i)
        size += len(src)
        with open(os.path.join(pkg, f'm{i:03d}.py'), 'w') as f:
            f.write(src)
    init = ''.join(f'from . import m{i:03d}\n' for i in range(MODULES))
    with open(os.path.join(pkg, '__init__.py'), 'w') as f:
        f.write(init)
    with open(os.path.join(root, 'main.py'), 'w') as f:
        f.write('import benchpkg\nprint(len([m for m in dir(benchpkg) if m.startswith("m")]))\n')
    return size + len(init)


def clear_caches(root, trash):
    """Removes every __pycache__ under `root`: moved into `trash` (deleted
    later, see the module comment), or deleted now if `trash` is None."""
    for dirpath, dirnames, _ in os.walk(root):
        if '__pycache__' in dirnames:
            cache = os.path.join(dirpath, '__pycache__')
            if trash is None:
                shutil.rmtree(cache)
            else:
                os.rename(cache, os.path.join(trash, str(len(os.listdir(trash)))))
        dirnames[:] = [d for d in dirnames if d != '__pycache__']


def child_cpu():
    """(user, system) CPU seconds of all waited-for children so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime, ru.ru_stime


def timed(cmd, cwd, env):
    """(wall, CPU, user, system) seconds of one process."""
    start, (user, system) = time.perf_counter(), child_cpu()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    user_end, system_end = child_cpu()
    if r.returncode != 0 or r.stdout.strip() not in ('', str(MODULES)):
        sys.exit(f'{cmd[0]} failed ({r.returncode}): {r.stdout[-300:]} {r.stderr[-800:]}')
    user, system = user_end - user, system_end - system
    return elapsed, user + system, user, system


FS_IOC_GETFLAGS = 0x80086601
FS_IOC_SETFLAGS = 0x40086602
FS_TOPDIR_FL = 0x00020000


def spreading_parent(path):
    """Creates `path` and asks ext4 to treat it as a top directory (see the
    module comment); returns it. Filesystems without the flag ignore it."""
    os.makedirs(path, exist_ok=True)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        flags = array.array('i', [0])
        fcntl.ioctl(fd, FS_IOC_GETFLAGS, flags, True)
        if not flags[0] & FS_TOPDIR_FL:
            flags[0] |= FS_TOPDIR_FL
            fcntl.ioctl(fd, FS_IOC_SETFLAGS, flags, True)
    except OSError:
        pass
    finally:
        os.close(fd)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=7)
    ap.add_argument('--taipan', default=os.path.join(ROOT, 'target', 'release', 'taipan'))
    ap.add_argument('--generate', metavar='DIR',
                    help='only write the package and main.py into DIR (for profiling), then stop')
    ap.add_argument('--dir', metavar='DIR', default=None,
                    help='where the package is generated (default: TMPDIR/taipan-bench-import,'
                         ' marked FS_TOPDIR_FL); e.g. /dev/shm for a tmpfs, see docs/import.md')
    ap.add_argument('--delete-caches', action='store_true',
                    help='delete the caches right before each cold run instead of moving them aside')
    args = ap.parse_args()
    if args.generate:
        os.makedirs(args.generate, exist_ok=True)
        print(f'{generate(args.generate) / 1e6:.2f} MB of source written to {args.generate}')
        return
    interpreters = {'taipan': os.path.abspath(args.taipan), 'cpython': sys.executable}
    env = {k: v for k, v in os.environ.items()
           if k not in ('PYTHONDONTWRITEBYTECODE', 'PYTHONPYCACHEPREFIX', 'PYTHONPATH', 'PYTHONOPTIMIZE')}
    times = {(who, kind): [] for who in interpreters for kind in ('cold', 'warm', 'startup')}
    parent = args.dir or spreading_parent(os.path.join(tempfile.gettempdir(), 'taipan-bench-import'))
    with tempfile.TemporaryDirectory(dir=parent) as tmp, tempfile.TemporaryDirectory(dir=parent) as trash:
        size = generate(tmp)
        trash = None if args.delete_caches else trash
        how = 'deleted before' if args.delete_caches else 'moved aside before'
        print(f'package: {MODULES} modules, {size / 1e6:.2f} MB of source; {args.runs} runs each, alternating;'
              f' caches {how} each cold run; in {tmp}')
        for _ in range(args.runs):
            for who, exe in interpreters.items():
                base = [exe, '-S', '-E']
                times[(who, 'startup')].append(timed(base + ['-c', 'pass'], tmp, env))
                clear_caches(tmp, trash)
                times[(who, 'cold')].append(timed(base + ['main.py'], tmp, env))
                times[(who, 'warm')].append(timed(base + ['main.py'], tmp, env))
    for label, index in (('wall clock', 0), ('CPU (user+sys)', 1), ('  of it user', 2), ('  of it system', 3)):
        med = {k: statistics.median(x[index] for x in v) for k, v in times.items()}
        print(f'{label:15} {"taipan":>10} {"cpython":>10} {"ratio":>8}')
        for kind in ('cold', 'warm', 'startup'):
            t, c = med[('taipan', kind)], med[('cpython', kind)]
            ratio = f'{c / t:7.2f}x' if t > 0 else '      -'
            print(f'  {kind:13} {t * 1000:8.1f}ms {c * 1000:8.1f}ms {ratio}')
    print('ratio = CPython time / Taipan time (medians; the machine may be shared, CPU time is steadier)')
    print('goals: warm ratio >= 1.0 (no slower than CPython), cold ratio >= 3.0')


if __name__ == '__main__':
    main()
