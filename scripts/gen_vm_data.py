"""Generates crates/taipan-vm/tests/vm_data/*.{bin,out} with CPython 3.11.

For each NAME.py: NAME.bin is marshal.dumps(compile(source, 'NAME.py',
'exec')) and NAME.out is what CPython printed: stdout, then a line
'--- status N' and the last stderr line when the exit status is not 0.
The VM tests run the .bin code objects (isolating the VM from the compiler).

usage: python3.11 scripts/gen_vm_data.py
"""
import glob
import marshal
import os
import subprocess
import sys

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "crates", "taipan-vm", "tests", "vm_data")

for path in sorted(glob.glob(os.path.join(DATA, "*.py"))):
    name = os.path.basename(path)
    src = open(path, encoding="utf-8").read()
    with open(path[:-3] + ".bin", "wb") as f:
        f.write(marshal.dumps(compile(src, name, "exec")))
    r = subprocess.run([sys.executable, name], cwd=DATA, capture_output=True)
    out = r.stdout.decode("utf-8")
    if r.returncode != 0:
        lines = [l for l in r.stderr.decode("utf-8").splitlines() if l.strip()]
        out += f"--- status {r.returncode}\n{lines[-1] if lines else ''}\n"
    with open(path[:-3] + ".out", "w", encoding="utf-8") as f:
        f.write(out)
