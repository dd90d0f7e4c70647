#!/usr/bin/env python3.11
"""Expected symbol tables and symbol-table errors, from CPython 3.11 itself.

Used by crates/taipan-compiler/tests/symtable_cpython.rs. Three modes:

  gen_symtable_data.py snippets   rewrites tests/data/symtable_snippets.expected
                                  from tests/data/symtable_snippets.txt
  gen_symtable_data.py errors     rewrites tests/data/symtable_errors.expected
                                  from tests/data/symtable_errors.txt
  gen_symtable_data.py lib CACHE  reads file paths on stdin, writes each
                                  file's table into CACHE (named by a hash
                                  of path and content) and prints the entry
                                  paths, one per line

A table is dumped as one line per scope (walked in children order):
`scope TYPE NAME LINENO nested=N params=A,B`, then one line per symbol in
`get_symbols()` order: `  NAME FLAGS SCOPE` (FLAGS: the DEF_*/USE bits;
SCOPE: LOCAL, GLOBAL_EXPLICIT, GLOBAL_IMPLICIT, FREE, CELL). The names that
analysis adds to a scope for its children's free variables carry no DEF
bits and come last in hash-set order, which varies between runs: they are
sorted by name. Snippet files hold snippets separated by `### NAME` lines
(`### NAME [eval]`, `### NAME [single]`: compiled in that mode).
"""

import _symtable
import hashlib
import inspect
import os
import sys
import symtable
import types
import warnings

assert sys.version_info[:2] == (3, 11), "run with CPython 3.11"

DEF_BITS = (1 << _symtable.SCOPE_OFF) - 1
SCOPE_NAMES = {
    _symtable.LOCAL: "LOCAL",
    _symtable.GLOBAL_EXPLICIT: "GLOBAL_EXPLICIT",
    _symtable.GLOBAL_IMPLICIT: "GLOBAL_IMPLICIT",
    _symtable.FREE: "FREE",
    _symtable.CELL: "CELL",
}
TYPE_NAMES = {_symtable.TYPE_MODULE: "module", _symtable.TYPE_CLASS: "class", _symtable.TYPE_FUNCTION: "function"}

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "crates", "taipan-compiler", "tests", "data")


def dump_table(table, out):
    params = ",".join(table.varnames)
    out.append(f"scope {TYPE_NAMES[table.type]} {table.name} {table.lineno} nested={table.nested} params={params}")
    defined, added = [], []
    for name, value in table.symbols.items():
        flags = value & DEF_BITS
        scope = SCOPE_NAMES[(value >> _symtable.SCOPE_OFF) & _symtable.SCOPE_MASK]
        (defined if flags else added).append(f"  {name} {flags} {scope}")
    out.extend(defined)
    out.extend(sorted(added))
    for child in table.children:
        dump_table(child, out)


def dump_source(source, filename="f", mode="exec"):
    """The dump of `source`'s table, or its SyntaxError as `ERR` lines."""
    try:
        table = symtable.symtable(source, filename, mode)
    except SyntaxError as e:
        return "ERR\n" + error_fields(e)
    out = []
    dump_table(table._table, out)
    out.extend(dump_codes(source, filename, mode))
    return "OK\n" + "\n".join(out)


# The co_flags that come from the symbol table (compile.c's compute_code_flags).
CODE_FLAGS = (
    inspect.CO_NESTED
    | inspect.CO_GENERATOR
    | inspect.CO_COROUTINE
    | inspect.CO_ASYNC_GENERATOR
    | inspect.CO_VARARGS
    | inspect.CO_VARKEYWORDS
)


def dump_codes(source, filename, mode):
    """`codes` then, sorted, one line per nested code object:
    `code|class NAME FLAGS cells=A,B free=C,D` (class for class bodies;
    FLAGS: the co_flags above; then co_cellvars and co_freevars). Nothing
    when compile() rejects the source (a compile.c error)."""
    try:
        module = compile(source, filename, mode, dont_inherit=True)
    except (SyntaxError, RecursionError, MemoryError):
        return []
    lines = []
    stack = [c for c in module.co_consts if isinstance(c, types.CodeType)]
    while stack:
        code = stack.pop()
        kind = "code" if code.co_flags & inspect.CO_OPTIMIZED else "class"
        flags = code.co_flags & CODE_FLAGS
        cells, free = ",".join(code.co_cellvars), ",".join(code.co_freevars)
        lines.append(f"{kind} {code.co_name} {flags} cells={cells} free={free}")
        stack.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return ["codes"] + sorted(lines)


def error_fields(e):
    return f"{type(e).__name__}: {e.msg}\n{e.lineno} {e.offset} {none(e.end_lineno)} {none(e.end_offset)}"


def none(v):
    return -1 if v is None else v


def snippet_mode(name):
    """A snippet named `NAME [eval]` or `NAME [single]` is compiled in that mode."""
    for mode in ("eval", "single"):
        if name.endswith(f"[{mode}]"):
            return mode
    return "exec"


def read_snippets(path):
    snippets, name, lines = [], None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("### "):
                if name is not None:
                    snippets.append((name, "".join(lines)))
                name, lines = line[4:].strip(), []
            else:
                lines.append(line)
    if name is not None:
        snippets.append((name, "".join(lines)))
    return snippets


def gen_snippets():
    out = []
    for name, source in read_snippets(os.path.join(DATA, "symtable_snippets.txt")):
        result = dump_source(source, mode=snippet_mode(name))
        assert result.startswith("OK\n"), f"snippet {name} is rejected by CPython: {result}"
        out.append(f"### {name}\n{result[3:]}\n")
    write(os.path.join(DATA, "symtable_snippets.expected"), out)


def gen_errors():
    out = []
    for name, source in read_snippets(os.path.join(DATA, "symtable_errors.txt")):
        compile(source, "f", "exec", 0x400)  # PyCF_ONLY_AST: the snippet must parse
        table_error = dump_source(source)
        assert table_error.startswith("ERR\n"), f"snippet {name}: symtable accepts it"
        try:
            compile(source, "f", "exec")
        except SyntaxError as e:
            compile_error = "ERR\n" + error_fields(e)
        assert compile_error == table_error, f"snippet {name}: compile() reports another error"
        out.append(f"### {name}\n{table_error[4:]}\n")
    write(os.path.join(DATA, "symtable_errors.expected"), out)


def write(path, chunks):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(chunks))
    print(f"wrote {os.path.relpath(path)} ({len(chunks)} entries)")


def gen_lib(cache):
    """Writes OK/ERR entries for the files on stdin; PARSE for files that do not parse."""
    warnings.simplefilter("ignore")
    os.makedirs(cache, exist_ok=True)
    script = open(__file__, "rb").read()
    for path in sys.stdin.read().splitlines():
        with open(path, "rb") as f:
            data = f.read()
        key = hashlib.sha256(script + path.encode() + b"\0" + data).hexdigest()[:32]
        entry = os.path.join(cache, key)
        if not os.path.exists(entry):
            with open(entry + ".tmp", "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(lib_entry(data, path))
            os.replace(entry + ".tmp", entry)
        print(entry)


def lib_entry(data, path):
    try:
        compile(data, path, "exec", 0x400)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        return f"PARSE\n{type(e).__name__}\n"
    try:
        import importlib.util

        source = importlib.util.decode_source(data)
    except (SyntaxError, UnicodeDecodeError) as e:
        return f"PARSE\n{type(e).__name__}\n"
    try:
        return dump_source(source, path) + "\n"
    except RecursionError:
        return "ERR\nRecursionError: maximum recursion depth exceeded during compilation\n-1 -1 -1 -1\n"


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "snippets":
        gen_snippets()
    elif mode == "errors":
        gen_errors()
    elif mode == "lib" and len(sys.argv) == 3:
        gen_lib(sys.argv[2])
    else:
        sys.exit(__doc__)
