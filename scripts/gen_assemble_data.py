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

`gen_assemble_data.py --lib OUT` instead writes, for tests/assemble_lib.rs
at test time (never committed), every code object of every top-level
Lib/*.py that CPython compiles, depth first as dis shows them:

    file <name>
    code <co_code hex> <co_linetable hex or -> <co_exceptiontable hex or -> <co_stacksize> <co_firstlineno>
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


def lib_reference(out_path):
    lib = os.path.dirname(os.__file__)
    with open(out_path, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(lib)):
            if not name.endswith(".py"):
                continue
            try:
                with open(os.path.join(lib, name), "rb") as f:
                    code = compile(f.read(), name, "exec")
            except SyntaxError:
                continue
            out.write(f"file {name}\n")
            for c in walk(code):
                fields = [c.co_code.hex(), c.co_linetable.hex() or "-", c.co_exceptiontable.hex() or "-"]
                out.write(f"code {' '.join(fields)} {c.co_stacksize} {c.co_firstlineno}\n")


def walk(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from walk(const)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--lib":
        lib_reference(sys.argv[2])
        return
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
