"""Reference data for the lexer tests, from CPython 3.11's own tokenizer.

    python3.11 lexer_cpython.py rejected   # Lib files CPython cannot compile
    python3.11 lexer_cpython.py dump       # every token of the other files

`rejected` writes the list kept in data/lexer_stdlib_rejected.txt; `dump`
prints tokens in the format of the `dump_tokens` test of lexer_stdlib.rs,
using the C tokenizer that Lib/tokenize.py exposes in 3.11.
"""
import os
import sys
import sysconfig
import token
import tokenize

LIB = os.environ.get("TAIPAN_STDLIB") or sysconfig.get_path("stdlib")


def python_files():
    for root, dirs, files in os.walk(LIB):
        dirs[:] = sorted(d for d in dirs if d != "site-packages")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                yield path, os.path.relpath(path, LIB)


def compiles(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        compile(source, path, "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
        return True
    except (SyntaxError, ValueError):
        return False


def rejected():
    for path, rel in python_files():
        if not compiles(path):
            print(rel)


def dump():
    skip = set(open(os.path.join(os.path.dirname(__file__), "data", "lexer_stdlib_rejected.txt")).read().split("\n"))
    out = sys.stdout
    for path, rel in sorted(python_files(), key=lambda p: p[0]):
        if rel in skip:
            continue
        with open(path, "rb") as f:
            try:
                text = tokenize.open(path).read()
            except (SyntaxError, LookupError, UnicodeDecodeError):
                continue
        out.write(f"FILE {rel}\n")
        for t in tokenize._generate_tokens_from_c_tokenizer(text):
            name = token.tok_name[t.type]
            if t.type in (token.INDENT, token.DEDENT):
                out.write(f"{name} {t.start[0]}\n")
            elif t.type == token.ENDMARKER:
                continue
            else:
                if t.type not in (token.NAME, token.NUMBER, token.STRING, token.NEWLINE, token.TYPE_COMMENT, token.TYPE_IGNORE):
                    name = "OP" + t.string
                out.write(f"{name} {t.start[0]} {t.start[1]} {t.end[0]} {t.end[1]}\n")


if __name__ == "__main__":
    {"rejected": rejected, "dump": dump}[sys.argv[1]]()
