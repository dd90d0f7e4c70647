"""Expected data for taipan-compiler's code generation tests, from CPython 3.11.

Default: for every snippet crates/taipan-compiler/tests/data/codegen/<name>.py,
write next to it
  <name>.dis    what `dis.dis(compile(src, 'snippet.py', 'exec'))` prints
                (code-object addresses written `0x0000`, as Taipan's dis does);
  <name>.attrs  per code object (dis order: a code object, then its nested
                ones, depth first): qualname, name, flags, argument counts and
                the reprs of co_consts, co_names, co_varnames, co_cellvars,
                co_freevars.
  <name>.pos    per code object (same order) one line per instruction:
                its opname and (lineno, end_lineno, col, end_col) from
                `dis.get_instructions`, -1 for None (what tracebacks use).
For every crates/taipan-compiler/tests/data/codegen_modes/<name>.<variant>.py,
<name>.<variant>.dis: `dis.dis` of `compile(src, 'snippet.py', mode,
optimize=o)`, the variant being the mode (`eval`, `single`) or the
optimization level in exec mode (`O1`, `O2`).
For every crates/taipan-compiler/tests/data/codegen_errors/<name>.py
(source CPython's compiler rejects), <name>.err: the SyntaxError's message
on one line, then `lineno offset end_lineno end_offset` (-1 for None).
`--lib OUT`: for every top-level Lib/*.py, one record in OUT:
  file <name> <ok|error>
  code <qualname> <co_code as hex>     (one per code object, dis order)
Run with CPython 3.11: /root/.pyenv/versions/3.11.7/bin/python3.11.
"""
import dis, io, os, re, sys

assert sys.version_info[:2] == (3, 11), sys.version

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "crates/taipan-compiler/tests/data/codegen")
ERRORS = os.path.join(ROOT, "crates/taipan-compiler/tests/data/codegen_errors")
MODES = os.path.join(ROOT, "crates/taipan-compiler/tests/data/codegen_modes")
VARIANTS = {"eval": ("eval", 0), "single": ("single", 0), "O1": ("exec", 1), "O2": ("exec", 2)}


def modes():
    for name in sorted(os.listdir(MODES)):
        if not name.endswith(".py"):
            continue
        mode, optimize = VARIANTS[name[:-3].rsplit(".", 1)[1]]
        with open(os.path.join(MODES, name), encoding="utf-8") as f:
            src = f.read()
        out = io.StringIO()
        dis.dis(compile(src, "snippet.py", mode, optimize=optimize), file=out)
        with open(os.path.join(MODES, name[:-3] + ".dis"), "w", encoding="utf-8") as f:
            f.write(clean(out.getvalue()))
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def walk(code):
    yield code
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            yield from walk(c)


def clean(text):
    return ADDRESS.sub(" at 0x0000", text)


def attrs(code):
    out = []
    for c in walk(code):
        out.append(f"code {c.co_qualname}")
        out.append(f"name {c.co_name}")
        out.append(f"flags {c.co_flags:#x}")
        out.append(f"args {c.co_argcount} {c.co_posonlyargcount} {c.co_kwonlyargcount}")
        for k in ("co_consts", "co_names", "co_varnames", "co_cellvars", "co_freevars"):
            items = [clean(repr(x)) for x in getattr(c, k)]
            out.append(f"{k[3:]} " + " | ".join(items))
    return "\n".join(out) + "\n"


def positions(code):
    out = []
    for c in walk(code):
        out.append(f"code {c.co_qualname}")
        for ins in dis.get_instructions(c):
            p = [-1 if v is None else v for v in ins.positions]
            out.append(f"{ins.opname} {p[0]} {p[1]} {p[2]} {p[3]}")
    return "\n".join(out) + "\n"


def snippets():
    for name in sorted(os.listdir(DATA)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            src = f.read()
        code = compile(src, "snippet.py", "exec")
        out = io.StringIO()
        dis.dis(code, file=out)
        base = os.path.join(DATA, name[:-3])
        with open(base + ".dis", "w", encoding="utf-8") as f:
            f.write(clean(out.getvalue()))
        with open(base + ".attrs", "w", encoding="utf-8") as f:
            f.write(attrs(code))
        with open(base + ".pos", "w", encoding="utf-8") as f:
            f.write(positions(code))


def errors():
    for name in sorted(os.listdir(ERRORS)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(ERRORS, name), encoding="utf-8") as f:
            src = f.read()
        try:
            compile(src, "snippet.py", "exec")
        except SyntaxError as e:
            fields = [-1 if v is None else v for v in (e.lineno, e.offset, e.end_lineno, e.end_offset)]
            with open(os.path.join(ERRORS, name[:-3] + ".err"), "w", encoding="utf-8") as f:
                f.write(f"{e.msg}\n{fields[0]} {fields[1]} {fields[2]} {fields[3]}\n")
        else:
            raise SystemExit(f"{name}: CPython compiles it")


def lib(dest):
    libdir = os.path.dirname(os.__file__)
    with open(dest, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(libdir)):
            if not name.endswith(".py"):
                continue
            with open(os.path.join(libdir, name), "rb") as f:
                source = f.read()
            try:
                code = compile(source, name, "exec")
            except SyntaxError:
                out.write(f"file {name} error\n")
                continue
            out.write(f"file {name} ok\n")
            for c in walk(code):
                out.write(f"code {c.co_qualname} {c.co_code.hex()}\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--lib"]:
        lib(sys.argv[2])
    else:
        snippets()
        errors()
        modes()
