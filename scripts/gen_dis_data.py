"""Write crates/taipan-bytecode/tests/data/dis_cpython311.txt: for each case
(a snippet or a small Lib module), the `marshal.dumps` of its compiled code
object and the text CPython 3.11's `dis.dis` prints for it.

Run with CPython 3.11 (e.g. /root/.pyenv/versions/3.11.7/bin/python3.11).
Record format, one per case:
    case <name> <marshal length> <dis length>\\n<marshal bytes><dis text (UTF-8)>\\n
The only change to dis's text: code-object addresses become `0x0000`
(Taipan's `dis::code_repr` prints that), since they differ per run.
"""
import dis, io, marshal, os, re, sys

assert sys.version_info[:2] == (3, 11), sys.version

SNIPPETS = {
    "assign": "x = 1\ny = x + 2\n",
    "consts": "a = (None, ..., True, False, 0, -1, 2**70, 1.5, 1e300, 1e-7, 0.1, 1e16, 123456789012345.6, -0.0, float('inf'), 2j, 1+2j, -1.5-0.5j, 'it''s', \"q\\\"\", '\\t\\n\\x00é\\u2028\\U0001f600', b'\\x00a\\'\"', frozenset({1, 2}), (1,), ())\nb = x in {1, 2, 3}\n",
    "call": "print(1, 2, sep=' ', end='')\nobj.meth(a, *b, **c)\nf(x)(y)\n",
    "compare": "a < b <= c == d != e > f >= g\nx is y, x is not y, x in y, x not in y\n",
    "binop": "a + b - c * d / e // f % g ** h << i >> j & k | l ^ m @ n\nx += 1; x -= 1; x *= 2; x //= 2; x **= 2; x @= y\n",
    "branch": "if a:\n    b()\nelif c and d or e:\n    pass\nelse:\n    f()\nx = a if b else c\n",
    "loops": "for i in range(10):\n    if i: continue\n    if i > 5: break\nelse:\n    done()\nwhile x:\n    x -= 1\n",
    "funcs": "def f(a, b=1, *args, c, d=2, **kw) -> int:\n    def g():\n        return a + b\n    return g\nlambda x: x\nasync def h():\n    await z\n    async for q in r: pass\n    async with s as t: pass\n",
    "closures": "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        del x\n    class C:\n        y = x\n    return inner\n",
    "classes": "class A(B, metaclass=M):\n    '''doc'''\n    x: int = 1\n    def m(self):\n        return super().m()\n",
    "exceptions": "try:\n    a()\nexcept ValueError as e:\n    b(e)\nexcept (TypeError, KeyError):\n    pass\nelse:\n    c()\nfinally:\n    d()\nwith open(p) as f, g:\n    f.read()\ntry:\n    raise X from Y\nexcept* E:\n    raise\n",
    "comprehensions": "l = [x for x in y if x]\ns = {x for x in y}\nd = {k: v for k, v in y}\ng = (x for x in y)\n",
    "fstrings": "f'{a}{b!r}{c!s:>{w}}{d!a}{e:x}'\n",
    "unpack": "a, *b, c = x\na, b = b, a\n[a, b] = c\nx[1:2] = y\ndel x[a], y.z\nx = [1, 2, *y]\n",
    "imports": "import os.path\nfrom . import a\nfrom ..b import c as d, e\nfrom m import *\n",
    "match": "match x:\n    case 1 | 2:\n        pass\n    case [a, *rest]:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(x=0, y=yy) if yy:\n        pass\n    case str() as s:\n        pass\n    case _:\n        pass\n",
    "generators": "def gen():\n    x = yield 1\n    yield from x\n    return 2\n",
    "globals": "global_var = 1\ndef f():\n    global global_var\n    global_var = 2\n    return len(global_var)\n",
    "long_jumps": "def f(x):\n    if x:\n" + "".join(f"        x = x + {i}\n" for i in range(300)) + "    return x\n",
    "big_lines": "\n" * 1200 + "x = 1\ny = 2\n",
    "many_consts": "x = [" + ", ".join(str(i) + ".5" for i in range(300)) + "]\n" + "y = (" + ", ".join(f"'s{i}'" for i in range(300)) + ")\n",
    "annotations": "from __future__ import annotations\ndef f(a: int) -> str: pass\nx: list[int]\n",
}

LIB_MODULES = ["colorsys.py", "bisect.py", "keyword.py", "this.py", "glob.py"]


def dis_text(code):
    out = io.StringIO()
    dis.dis(code, file=out)
    return re.sub(r" at 0x[0-9a-f]+", " at 0x0000", out.getvalue())


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dest = os.path.join(root, "crates/taipan-bytecode/tests/data/dis_cpython311.txt")
    lib = os.path.dirname(os.__file__)
    modules = LIB_MODULES
    cases = [(name, compile(src, f"<{name}>", "exec")) for name, src in SNIPPETS.items()]
    if len(sys.argv) > 1:
        # `gen_dis_data.py OUT`: every Lib/*.py instead (the large corpus,
        # written outside the repository).
        dest, cases = sys.argv[1], []
        modules = sorted(m for m in os.listdir(lib) if m.endswith(".py"))
    for module in modules:
        with open(os.path.join(lib, module), "rb") as f:
            source = f.read()
        try:
            cases.append((module, compile(source, module, "exec")))
        except SyntaxError:
            continue
    with open(dest, "wb") as out:
        for name, code in cases:
            data = marshal.dumps(code)
            text = dis_text(code).encode("utf-8", "surrogatepass")
            out.write(f"case {name} {len(data)} {len(text)}\n".encode())
            out.write(data + text + b"\n")
    print(dest, os.path.getsize(dest))


if __name__ == "__main__":
    main()
