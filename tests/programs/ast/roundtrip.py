# compile() of AST objects: parse → compile → run, the same code as from
# source; NodeTransformer, fix_missing_locations, unparse, literal_eval.
import ast
import marshal
import os

lib = os.path.dirname(os.__file__)
for name in ['ast.py', 'textwrap.py', 'string.py', 'dataclasses.py', 'contextlib.py']:
    with open(os.path.join(lib, name), 'rb') as f:
        source = f.read()
    same = marshal.dumps(compile(source, name, 'exec')) == marshal.dumps(compile(ast.parse(source), name, 'exec'))
    print(name, same)

src = '''
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print([fib(i) for i in range(10)])
with open(__file__) as f:
    print('with', len(f.readline()) > 0)
'''
exec(compile(ast.parse(src), '<ast>', 'exec'))
print(eval(compile(ast.parse('1 + 2 * 3', mode='eval'), '<e>', 'eval')))
exec(compile(ast.parse('40 + 2', mode='single'), '<s>', 'single'))


class Doubler(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node


tree = Doubler().visit(ast.parse('print(1 + 20, "s")'))
exec(compile(tree, '<t>', 'exec'))

# built by hand, positions filled in by fix_missing_locations
call = ast.Call(ast.Name('print', ast.Load()), [ast.Constant('hand-made'), ast.Constant((1, 2))], [])
module = ast.fix_missing_locations(ast.Module([ast.Expr(call)], []))
exec(compile(module, '<hand>', 'exec'))
print(ast.unparse(module))


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)


c = Counter()
c.visit(ast.parse('a = b + c(d, e=f)'))
print(c.names)

for text in ['x + y * 2', 'lambda a, *b, c=1, **d: a', 'f"{x!r:>{w}}"', '[i for i in range(3) if i]',
             'await x', '(yield)', 'a if b else c', '{**a, "b": 1}', 'x[1:2, ::3]']:
    print(ast.unparse(ast.parse(text)))
print(ast.literal_eval("[1, 2.5, {'a': (3, -4j)}, None, b'x', {1, 2}, -(1)]"))
try:
    ast.literal_eval('f(1)')
except ValueError as e:
    print('ValueError', str(e).split(' at 0x')[0])
print(compile('x = 1', '<s>', 'exec', ast.PyCF_ONLY_AST).__class__.__name__)
tree = ast.parse('y = 2')
print(compile(tree, '<s>', 'exec', ast.PyCF_ONLY_AST) is tree)
print(ast.get_docstring(ast.parse('"""doc"""\nx = 1')))
print(ast.get_source_segment('a = foo(1,\n  2)', ast.parse('a = foo(1,\n  2)').body[0].value))
