#!/usr/bin/env python3.11
"""Expected symbol tables and symbol-table errors, from CPython 3.11 itself.

Used by crates/taipan-compiler/tests/symtable_cpython.rs. Four modes:

  gen_symtable_data.py snippets   rewrites tests/data/symtable_snippets.expected
                                  from tests/data/symtable_snippets.txt
  gen_symtable_data.py errors     rewrites tests/data/symtable_errors.expected
                                  from tests/data/symtable_errors.txt
  gen_symtable_data.py lib CACHE  reads file paths on stdin, writes each
                                  file's table into CACHE (named by a hash
                                  of path and content) and prints the entry
                                  paths, one per line
  gen_symtable_data.py random DIR COUNT SEED
                                  writes COUNT random scoping programs
                                  (deterministic for a SEED) to DIR

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


# Random programs: small, deeply scoped, with the names colliding often, so
# that global/nonlocal/walrus/class rules and their errors meet each other.
NAMES = ["a", "b", "c", "__d", "super", "__class__"]
PARAMS = ["a", "b", "p", "__d"]


def gen_random(directory, count, seed):
    """Writes `count` programs from `seed` to DIRECTORY/NNNN.py."""
    import random

    os.makedirs(directory, exist_ok=True)
    rng = random.Random(seed)
    for i in range(count):
        program = RandomProgram(rng).program()
        with open(os.path.join(directory, f"{i:04}.py"), "w", encoding="utf-8") as f:
            f.write(program)


class RandomProgram:
    def __init__(self, rng):
        self.rng = rng
        self.lines = []

    def program(self):
        if self.rng.random() < 0.2:
            self.lines.append("from __future__ import annotations")
        self.body(0, 0)
        return "\n".join(self.lines) + "\n"

    def name(self):
        return self.rng.choice(NAMES[:4] if self.rng.random() < 0.8 else NAMES)

    def expr(self, depth=0):
        r, n = self.rng.random(), self.name()
        if depth > 2 or r < 0.3:
            return n
        e = lambda: self.expr(depth + 1)
        forms = [
            lambda: f"({n} := {e()})",
            lambda: self.comprehension(depth),
            lambda: f"(lambda {self.params(False)}: {e()})",
            lambda: f"{e()}.attr",
            lambda: f"{e()}({e()}, k={e()})",
            lambda: f"(yield {e()})",
            lambda: f"(yield from {e()})",
            lambda: f"(await {e()})",
            lambda: "super()",
            lambda: f"{e()} + {e()}",
            lambda: f"f'{{{e()}}}'",
            lambda: f"{{{e()}: {e()}}}",
        ]
        return self.rng.choice(forms)()

    def comprehension(self, depth):
        e = lambda: self.expr(depth + 1)
        clauses = []
        for _ in range(self.rng.choice([1, 1, 2])):
            asyn = "async " if self.rng.random() < 0.1 else ""
            target = self.name() if self.rng.random() < 0.7 else f"({self.name()}, {self.name()})"
            clause = f"{asyn}for {target} in {e()}"
            if self.rng.random() < 0.3:
                clause += f" if {e()}"
            clauses.append(clause)
        body = " ".join(clauses)
        kind = self.rng.randrange(4)
        if kind == 0:
            return f"[{e()} {body}]"
        if kind == 1:
            return f"{{{e()} {body}}}"
        if kind == 2:
            return f"{{{e()}: {e()} {body}}}"
        return f"({e()} {body})"

    def params(self, annotate):
        parts = []
        for _ in range(self.rng.randrange(4)):
            p = self.rng.choice(PARAMS)
            if annotate and self.rng.random() < 0.3:
                p += f": {self.expr(2)}"
            parts.append(p)
        if self.rng.random() < 0.3:
            parts.append("*" + self.rng.choice(PARAMS))
        elif self.rng.random() < 0.2:
            parts.append("*")
        if parts and parts[-1].startswith("*"):
            parts.append(self.rng.choice(PARAMS) + "=" + self.expr(2))
        if self.rng.random() < 0.2:
            parts.append("**" + self.rng.choice(PARAMS))
        return ", ".join(parts)

    def body(self, indent, depth):
        for _ in range(self.rng.randint(1, 4)):
            self.stmt(indent, depth)

    def line(self, indent, text):
        self.lines.append("    " * indent + text)

    def stmt(self, indent, depth):
        n, e = self.name(), self.expr
        r = self.rng.randrange(15 if depth < 4 else 9)
        if r == 0:
            self.line(indent, f"{n} = {e()}")
        elif r == 1:
            self.line(indent, e())
        elif r == 2:
            self.line(indent, f"{self.rng.choice(['global', 'nonlocal'])} {n}")
        elif r == 3:
            self.line(indent, f"{n}: {e(2)}" + (f" = {e()}" if self.rng.random() < 0.5 else ""))
        elif r == 4:
            self.line(indent, self.rng.choice([f"del {n}", f"{n} += {e()}", f"return {e()}"]))
        elif r == 5:
            self.line(indent, self.rng.choice([f"import {n}.x", f"from m import {n}", "from m import *"]))
        elif r == 6:
            self.line(indent, f"for {n} in {e()}: pass")
        elif r == 7:
            self.line(indent, f"with {e()} as {n}: pass")
        elif r == 8:
            self.line(indent, f"try: pass\n{'    ' * indent}except E as {n}: pass")
        elif r in (9, 10, 11):
            if self.rng.random() < 0.3:
                self.line(indent, f"@{e(2)}")
            asyn = "async " if self.rng.random() < 0.2 else ""
            ret = f" -> {e(2)}" if self.rng.random() < 0.2 else ""
            self.line(indent, f"{asyn}def {self.rng.choice(['f', 'g', '__h'])}({self.params(True)}){ret}:")
            self.body(indent + 1, depth + 1)
        elif r in (12, 13):
            bases = f"({e(2)})" if self.rng.random() < 0.3 else ""
            self.line(indent, f"class {self.rng.choice(['C', '_K'])}{bases}:")
            self.body(indent + 1, depth + 1)
        else:
            self.line(indent, f"match {e(2)}:")
            self.line(indent + 1, f"case [{n}, *{self.name()}] | {{'k': {n}, **{self.name()}}}: pass")
            self.line(indent + 1, f"case C(x={n}) as {self.name()}: pass")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "snippets":
        gen_snippets()
    elif mode == "errors":
        gen_errors()
    elif mode == "lib" and len(sys.argv) == 3:
        gen_lib(sys.argv[2])
    elif mode == "random" and len(sys.argv) == 5:
        gen_random(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
