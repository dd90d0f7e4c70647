# Standard-library modules built on re.
import re, textwrap, fnmatch, typing

print(textwrap.wrap('The quick brown fox jumps over the lazy dog and keeps running far away.', 20))
print(textwrap.dedent('    a\n      b\n    c'), textwrap.indent('x\ny', '> '), textwrap.shorten('Hello  world, how are you?', 15))
print(fnmatch.translate('*.py'), fnmatch.fnmatch('a.py', '*.py'), fnmatch.filter(['a.py', 'b.txt', 'c.py'], '*.py'))
print(fnmatch.fnmatchcase('A.PY', '*.py'), fnmatch.translate('[!a-c]?x*'))
print(typing.List[int], typing.Optional[str], typing.get_type_hints(lambda: None))
print(re.sub(r'(?m)^', '# ', 'line1\nline2'))
import tokenize, io
src = 'def f(x, *a, **k):\n    return x ** 2 + 0x1F - 1.5e3j  # note\ns = f"{x!r:>10}" + b"\\x00" + r"\\d"\n'
print([(tokenize.tok_name[t.type], t.string) for t in tokenize.generate_tokens(io.StringIO(src).readline)])
