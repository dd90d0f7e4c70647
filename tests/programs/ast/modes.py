# ast.parse in every mode and with type comments; positions of every node.
import ast

for src, mode in [('x = 1', 'exec'), ('x + 1', 'eval'), ('x = 1; y', 'single'), ('(int, str) -> bool', 'func_type'),
                  ('async def f():\n    await g()\n', 'exec'), ('def f(a, /, b, *, c): pass', 'exec')]:
    print(ast.dump(ast.parse(src, mode=mode), include_attributes=True))
src = 'def f(a, b):  # type: (int, str) -> None\n    x = []  # type: list[int]\n    pass  # type: ignore[x]\n'
print(ast.dump(ast.parse(src, type_comments=True), indent=1))
print(ast.dump(ast.parse(src)))
try:
    compile('x', '<s>', 'func_type')
except ValueError as e:
    print('ValueError', e)
for bad in ['x = (', 'f(**a, *b)', 'def f(:']:
    try:
        ast.parse(bad)
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno, e.offset)
print(ast.parse('é = "ü"').body[0].targets[0].id, ast.parse("'\\ud800'").body[0].value.value == '\ud800')
print(ast.dump(ast.parse('10**100 + 1.5 + 2j + ... + b"\\x00" + u"u"'), include_attributes=True))
