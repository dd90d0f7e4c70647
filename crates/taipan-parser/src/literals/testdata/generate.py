"""Regenerates the expected values of the literals unit tests with CPython 3.11.

Run from this directory with the reference interpreter:
    /root/.pyenv/versions/3.11.7/bin/python3.11 generate.py
Each case is a source line holding one expression; the expected output is
`ast.dump(expr, include_attributes=True)` of `ast.parse(src, mode='eval').body`,
or the SyntaxError's fields. Sources are stored as hex (they hold every kind of
escape), with a readable repr in a comment line.
"""
import ast
import itertools
import sys
import warnings

assert sys.version_info[:2] == (3, 11), sys.version

warnings.simplefilter("ignore")


def run(src):
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError as e:
        return "err %r %s %s %s %s" % (e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
    return "ok " + ast.dump(tree.body, include_attributes=True)


def write(path, sources):
    seen = set()
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for src in sources:
            if src in seen:
                continue
            seen.add(src)
            out.write("# %s\n" % ascii(src))
            out.write("src %s\n" % src.encode("utf-8").hex())
            out.write(run(src) + "\n")


NUMBERS = """
0 00 0_0 7 1_000 123456789 9223372036854775807 9223372036854775808 18446744073709551616
0x0 0xff 0XFF 0x_ff 0xdead_beef 0xffffffffffffffff 0x1_0000_0000_0000_0000 0o17 0O777 0o_7 0b1
0B101 0b_1_0 0b1111111111111111111111111111111111111111111111111111111111111111
1.5 1. .5 1e5 1E5 1e-5 1.5e+10 1_0.5_0 1e1_0 1e308 1e309 2e-324 4.9e-324 1e-400 0.1 0.30000000000000004
1j 1J 1.5j 0j .5j 1e400j 1_0j 10.j 0e0 0.0 00.5 007.5e1 1e0j 123456789012345678901234567890
""".split()
NUMBERS += ["1e99999999999999999999", "0e99999999999", ".0e-99999999999", "1" * 400 + ".0", "0." + "0" * 400 + "1e400",
            "9" * 5000 + ".5", "1e-99999999999999999999j", "0x" + "0" * 30 + "1", "0b" + "1" * 64, "0o" + "7" * 22]
NUMBERS += ["1" + "0" * 4299, "1" + "0" * 4300, "1_" * 4300 + "1", "0x" + "f" * 5000, "9" * 4301 + "j"]

PREFIXES = ["", "r", "u", "b", "br", "rb", "R", "U", "B", "bR", "Rb", "BR"]
QUOTES = ["'", '"', "'''", '"""']
BODIES = [
    "", "a", "é", "a\\nb", "\\\\", "\\'", '\\"', "\\a\\b\\f\\n\\r\\t\\v", "\\0", "\\7", "\\07", "\\077",
    "\\0777", "\\777", "\\400", "\\x41", "\\xff", "\\u0041", "\\u00e9", "\\ud800", "\\udc80x", "\\U0001F600",
    "\\U0010ffff", "\\N{LATIN SMALL LETTER A}", "\\N{latin small letter e with acute}", "\\N{LF}",
    "\\N{NEW LINE}", "\\N{BYTE ORDER MARK}", "\\N{EMPTY SET}x", "\\q", "\\ä", "a\\", "\\\n", "\\8\\9",
    "\\{", "é\\ud83d\\ude00", "\\x", "\\x1", "\\xg0", "\\u12", "\\U1234567", "\\U00110000", "\\N", "\\Nx",
    "\\N{", "\\N{}", "\\N{NOT A NAME}", "é\\N{x", "\\N{KEYCAP NUMBER SIGN}", "\\N{CJK UNIFIED IDEOGRAPH-4E00}",
    "\\N{CJK UNIFIED IDEOGRAPH-4e00}", "\\N{HANGUL SYLLABLE GA}", "\\N{hangul syllable ga}", "\\N{é}",
    "\\N{ LATIN SMALL LETTER A}", "\\N{LATIN  SMALL LETTER A}", "\\N{latin small letter a }", "\\N{EM}",
    "\\N{WIRELESS}", "\\N{CJK UNIFIED IDEOGRAPH-31350}", "\\N{Hangul Syllable GA}", "\\N{HANGUL SYLLABLE GAG}",
    "\\N{CJK UNIFIED IDEOGRAPH-20000}", "\\N{cjk compatibility ideograph-f900}", "\\N{TANGUT IDEOGRAPH-17000}",
    "\\N{KHITAN SMALL SCRIPT CHARACTER-18B00}", "\\N{NUSHU CHARACTER-1B170}", "\\N{null}", "\\N{nbsp}",
    "\\N{SPACE}", "\\N{END OF MEDIUM}", "\\N{CUNEIFORM SIGN KALAM}", "\\N{HANGUL SYLLABLE }",
    "\\N{CJK UNIFIED IDEOGRAPH-}", "\\N{CJK UNIFIED IDEOGRAPH-4E00A}", "\\N{LATIN SMALL LETTER A\\}",
    "tab\there", "\x7f\x01", "€uro", "\\x4", "ab\\u00", "\\U0001f60", "\\777\\N{LF}é\\x",
]


def string_sources():
    for prefix, quote, body in itertools.product(PREFIXES, QUOTES, BODIES):
        if "\n" in body and len(quote) == 1 and not body.endswith("\\\n"):
            continue
        if body.endswith("\\") and not body.endswith("\\\\"):
            continue
        if quote[0] in body.replace("\\" + quote[0], ""):
            continue
        yield prefix + quote + body + quote
    # Implicit concatenation.
    yield "'a' 'b'"
    yield "'a' \"b\" '''c''' \"\"\"d\"\"\""
    yield "u'a' 'b'"
    yield "'a' u'b'"
    yield "b'a' b'b' rb'\\\\'"
    yield "'a' b'b'"
    yield "b'a' 'b'"
    yield "b'a' 'b\\x'"
    yield "'a' b'\\x'"
    yield "'' ''"
    yield "'a' r'\\n' '\\n'"
    yield "(\n'a'\n  'b' )"
    yield "('''x\ny''' 'z')"
    yield "b'\\xé'"
    yield "'a' b'é'"
    yield "b'a' b'é'"
    yield "'\\x' 'é'"


def run_module(src):
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        return "err %r %s %s %s %s" % (e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
    return "ok " + ast.dump(tree, include_attributes=True)


def write_modules(path, sources):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for src in dict.fromkeys(sources):
            out.write("# %s\n" % ascii(src))
            out.write("src %s\n" % src.encode("utf-8").hex())
            out.write(run_module(src) + "\n")


def fstring_sources():
    """f-strings, one module per case (cases are separated by lines of #####)."""
    with open("fstring_cases.txt", encoding="utf-8") as f:
        yield from (case.strip("\n") + "\n" for case in f.read().split("\n#####\n"))
    fields = ["{x}", "{x!r}", "{x!s:>{w}}", "{x=}", "{ x = !a}", "{x=:^10}", "{{", "}}", "{x:{{}}}",
              "{(x)}", "{x,y}", "{x for x in y}", '{"a"}', "{x:%H:%M}", "{x!r:}", '{a["b"]}', "{3.14:.2f}"]
    for prefix in ["f", "Rf"]:
        for a, b in itertools.product(fields, repeat=2):
            yield "%s'%s a %s'\n" % (prefix, a, b)
    for left, right in itertools.product(["'a'", "u'b'", "f'{x}'", "f''", "''", "rf'{y}'"], repeat=2):
        yield "%s %s\n" % (left, right)
        yield "(%s\n  %s)\n" % (left, right)


PIECES = [
    "a", "\u00e9", " ", "\n", "{", "}", "{{", "}}", "!", "!r", "!z", ":", "=", "==", "!=", "<", ">=", "#", "\\",
    "\\N", "\\N{", "\\N{LF}", "\\x4", "\\x41", "\\u12", "\\U0010ffff", "\\777", "(", ")", "[", "]", "'",
    '"', "'''", "x", "1", "f'", '"""', "\\\n", "{x}", "{x!r}", "{x:>{y}}", "{x=}", "b", "u", "r",
]


def random_sources(count, seed=1):
    """Random string runs and f-strings built from PIECES."""
    import random

    rng = random.Random(seed)
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 3)):
            prefix = rng.choice(["", "f", "rf", "b", "u", "F", "fr", "rb"])
            quote = rng.choice(["'", '"', "'''", '"""'])
            body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
            parts.append(prefix + quote + body + quote)
        yield "x = (" + " ".join(parts) + ")\n"


if __name__ == "__main__" and sys.argv[1:2] == ["--random"]:
    write_modules(sys.argv[3], random_sources(int(sys.argv[2])))
elif __name__ == "__main__":
    write_modules("fstrings.txt", fstring_sources())
    with open("numbers.txt", "w", encoding="utf-8", newline="\n") as out:
        for text in NUMBERS:
            try:
                value = ast.parse(text, mode="eval").body.value
                sys.set_int_max_str_digits(0)
                value = repr(value)
                sys.set_int_max_str_digits(4300)
            except SyntaxError as e:
                value = "error " + e.msg
            out.write("%s\t%s\n" % (text, value))
    write("strings.txt", string_sources())
