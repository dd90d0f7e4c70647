"""Write the expected outputs of crates/taipan-compiler/tests/assemble_cpython.rs.

For each crates/taipan-compiler/tests/data/assemble/NAME.py, compile it with
CPython 3.11 (file name "s.py") and take the first code object among the
module's constants (the function the file defines), or the module's code
if there is none. Write NAME.expected:

    stacksize <co_stacksize>
    exceptiontable <co_exceptiontable as hex>
    <dis.dis text of that code object, nested code objects included>

Code-object addresses become 0x0000 (as taipan_bytecode::dis prints them).
The hand-built IR the test assembles is NAME.ir beside it (not generated).

Run with CPython 3.11: /root/.pyenv/versions/3.11.7/bin/python3.11 scripts/gen_assemble_data.py
"""
import dis, io, os, re, sys, types

assert sys.version_info[:2] == (3, 11), sys.version


def target_code(source):
    module = compile(source, "s.py", "exec")
    for const in module.co_consts:
        if isinstance(const, types.CodeType):
            return const
    return module


def expected(code):
    out = io.StringIO()
    dis.dis(code, file=out)
    text = re.sub(r" at 0x[0-9a-f]+", " at 0x0000", out.getvalue())
    return f"stacksize {code.co_stacksize}\nexceptiontable {code.co_exceptiontable.hex()}\n{text}"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    data = os.path.join(root, "crates/taipan-compiler/tests/data/assemble")
    for name in sorted(os.listdir(data)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(data, name), encoding="utf-8") as f:
            code = target_code(f.read())
        with open(os.path.join(data, name[:-3] + ".expected"), "w", encoding="utf-8") as f:
            f.write(expected(code))


if __name__ == "__main__":
    main()
